using Itm.Data.Ranking;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using static TorchSharp.torch;

namespace Itm.Model.Explanations;

/// <summary>A Grad-CAM map, <paramref name="Rows"/> × <paramref name="Cols"/> row-major from the top left, the score it explains, and the layer of maps it weighs.</summary>
public sealed record GradCamMap(int Rows, int Cols, float[] Values, float Score, int Layer);

/// <summary>
/// Grad-CAM (Selvaraju et al., 2017) for a match score: where in an image the maps that raise its score for a sentence
/// are active. The score is <c>s = dot(image vector, q)</c>, the image vector as <see cref="JointEmbeddingModel.EncodeImages"/>
/// gives it (normalised, plus the annotation prior if any) and <c>q</c> the sentence's joint vector; with <c>A</c> the
/// image encoder's maps <c>[C, h, w]</c> at a layer (<see cref="ISpatialImageEncoder"/>), each channel weighs
/// <c>α_c = mean over (i, j) of ∂s/∂A_c[i, j]</c>, and the map is <c>relu(Σ_c α_c A_c)</c>: one forward and one backward.
/// </summary>
/// <remarks>
/// Which maps: the last ones before pooling or flattening (layer 0) are the usual choice, but a small ConvNet's are
/// coarse (2 × 2 at 32 pixels, 4 × 4 at 64). Unless a layer is asked for, the deepest map at least
/// <see cref="MinSide"/> cells per side is taken (or the largest, when none is). Measured on unseen two-object
/// synthetic scenes with a ConvNet at 32 pixels (the peak cell's centre on the object the caption names, 76 scenes):
/// layer 0 (2 × 2) 10 %, layer 1 (4 × 4) 21 %, layer 2 (8 × 8, the default there) 78 %, layer 3 (16 × 16) 87 %;
/// occlusion on 7 × 7 cells 66 %; chance 4–6 %. The first block's maps do best on these flat-coloured shapes, but
/// they are colour and edge detectors; the rule keeps the deepest maps that are fine enough to point at something.
/// </remarks>
public static class GradCam
{
    /// <summary>The fewest cells per side of the maps chosen when no layer is asked for (the occlusion heatmap's default grid).</summary>
    public const int MinSide = 7;

    /// <param name="image">One image's input, <c>[1, ...]</c>, as the image encoder reads it.</param>
    /// <param name="query">The sentence's joint vector <c>[D]</c> (as the text side gives it, prior included).</param>
    /// <param name="layer">Which maps: 0 the last before pooling or flattening, 1 the one a block earlier, and so on; null for the deepest at least <see cref="MinSide"/> wide.</param>
    /// <remarks>
    /// Runs in evaluation mode (the model's mode is restored after) with gradients on for this computation only. The
    /// gradient is taken with respect to the maps alone, so no parameter's gradient is touched, and nothing is updated.
    /// </remarks>
    /// <exception cref="NotSupportedException">The model's image encoder has no spatial maps (<see cref="JointEmbeddingModel.ImageMapLayers"/> is 0).</exception>
    /// <param name="centre">The collection centre the index's image vectors are centred on; null: the vector as the model gives it.</param>
    public static GradCamMap Compute(JointEmbeddingModel model, Tensor image, ReadOnlySpan<float> query, int? layer = null, CollectionCentre? centre = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        if (image.shape[0] != 1)
        {
            throw new ArgumentException($"Grad-CAM explains one image at a time; got a batch of {image.shape[0]}.", nameof(image));
        }

        float[] q = query.ToArray();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            int at = layer ?? DefaultLayer(model, image);
            Tensor maps;
            using (no_grad())
            {
                maps = model.ImageMaps(image, at).detach();                            // [1, C, h, w]
            }

            using var gradients = enable_grad();
            maps.requires_grad_(true);
            var vector = model.EncodeImagesFromMaps(maps, at);                          // [1, D]
            if (centre is not null)
            {
                // As CollectionCentre.Apply: each part of v − μ normalised and scaled by sqrt(share).
                vector = model.Parts.Normalize(vector - tensor(centre.Mean.ToArray(), dtype: vector.dtype, device: vector.device));
            }

            var score = (vector[0] * tensor(q, dtype: vector.dtype, device: vector.device)).sum();
            var slopes = autograd.grad([score], [maps])[0][0];                          // [C, h, w]: ∂s/∂A
            var weights = slopes.mean([1, 2], keepdim: true);                           // [C, 1, 1]: α
            var cam = nn.functional.relu((weights * maps[0].detach()).sum(dim: 0));     // [h, w]
            return new GradCamMap(
                (int)cam.shape[0],
                (int)cam.shape[1],
                cam.to(float32).cpu().contiguous().data<float>().ToArray(),
                score.to(float32).cpu().item<float>(),
                at);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The layer used when none is asked for: the deepest whose maps are at least <see cref="MinSide"/> cells per side, else the deepest of the largest.</summary>
    public static int DefaultLayer(JointEmbeddingModel model, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int layers = model.ImageMapLayers, best = 0;
        if (layers == 0)
        {
            throw new NotSupportedException("The model's image encoder has no spatial maps: it reads pooled features.");
        }

        long bestSide = 0;
        for (int layer = 0; layer < layers; layer++)
        {
            var maps = model.ImageMaps(image, layer);                                   // [1, C, h, w]
            long side = Math.Min(maps.shape[2], maps.shape[3]);
            if (side >= MinSide)
            {
                return layer;
            }

            (best, bestSide) = side > bestSide ? (layer, side) : (best, bestSide);
        }

        return best;
    }
}
