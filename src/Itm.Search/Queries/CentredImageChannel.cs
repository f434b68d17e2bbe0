using Itm.Data.Images;
using Itm.Data.Ranking;
using Itm.Search.Explanations;

namespace Itm.Search.Queries;

/// <summary>
/// The shared model's image channel with every vector centred on one snapshot's <see cref="CollectionCentre"/>:
/// what explanations over a centred index embed edited pixels with, and what Grad-CAM differentiates.
/// </summary>
internal sealed class CentredImageChannel(SharedModel model, CollectionCentre centre) : IPixelEmbedder, IGradCamChannel
{
    public (byte R, byte G, byte B) NeutralColour => model.NeutralColour;

    public float[] Embed(IReadOnlyList<RgbImage> images)
    {
        float[] vectors = model.Embed(images);
        centre.Apply(vectors);
        return vectors;
    }

    public Heatmap GradCam(RgbImage image, ReadOnlySpan<float> query, int? layer) => model.GradCam(image, query, layer, centre);
}
