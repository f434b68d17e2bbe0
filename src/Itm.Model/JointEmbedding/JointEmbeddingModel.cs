using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.JointEmbedding;

/// <summary>
/// The two channels and the shared space: each side's encoder ends in a projection to the joint
/// dimension, and both outputs are L2-normalised so a dot product is the cosine match score (part by part for a
/// late-fusion text channel: <see cref="JointParts"/>).
/// A model with a <see cref="QueryPrior"/> adds its learned prior vector to the query side of its direction.
/// State-dict keys are a contract (model folders): <c>image.*</c>, <c>text.*</c>, and <c>prior</c> when there is one.
/// </summary>
public sealed class JointEmbeddingModel : nn.Module
{
    private readonly ImageEncoder image;
    private readonly TextEncoder text;
    private readonly QueryPrior priorSide;
    private readonly TorchSharp.Modules.Parameter? prior;
    private readonly JointParts parts;

    /// <param name="parts">How the joint space is split between the text channel's parts (<see cref="JointParts.Whole"/> when null).</param>
    public JointEmbeddingModel(ImageEncoder image, TextEncoder text, QueryPrior priorSide = QueryPrior.None, int dim = 0, JointParts? parts = null)
        : base(nameof(JointEmbeddingModel))
    {
        this.image = image;
        this.text = text;
        this.priorSide = priorSide;
        this.parts = parts ?? JointParts.Whole;
        if (priorSide != QueryPrior.None)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
            prior = nn.Parameter(zeros(dim));
        }

        RegisterComponents();
    }

    /// <summary>The parameters that start from pretrained weights (see <see cref="ImageEncoder.PretrainedParameters"/>).</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> PretrainedParameters() => image.PretrainedParameters();

    /// <summary>The tables of the text channel that can train row-sparse (the bags of the bag and hybrid models).</summary>
    public IReadOnlyList<RowSparseBag> RowSparseTables => text is IRowSparseTables tables ? tables.RowSparseTables : [];

    /// <summary>
    /// How many layers of spatial maps the image encoder splits at (<see cref="ISpatialImageEncoder.MapLayers"/>); 0 when it
    /// has none, as over pooled pretrained features.
    /// </summary>
    public int ImageMapLayers => (image as ISpatialImageEncoder)?.MapLayers ?? 0;

    /// <summary>Images <c>[B, ...]</c> → unit vectors <c>[B, D]</c> (plus the annotation prior, if any).</summary>
    public Tensor EncodeImages(Tensor images)
    {
        using var scope = NewDisposeScope();
        return ImageSide(image.Encode(images)).MoveToOuterDisposeScope();
    }

    /// <summary>Images <c>[B, ...]</c> → the image encoder's maps at <paramref name="layer"/>, <c>[B, C, h, w]</c> (see <see cref="ISpatialImageEncoder"/>).</summary>
    public Tensor ImageMaps(Tensor images, int layer) => Spatial().Maps(images, layer);

    /// <summary>
    /// The image encoder's maps at <paramref name="layer"/> → what <see cref="EncodeImages"/> gives for the images they
    /// came from: the rest of the same forward, normalised (plus the annotation prior, if any).
    /// </summary>
    public Tensor EncodeImagesFromMaps(Tensor maps, int layer)
    {
        using var scope = NewDisposeScope();
        return ImageSide(Spatial().EncodeFromMaps(maps, layer)).MoveToOuterDisposeScope();
    }

    /// <summary>How the joint space is split between the text channel's parts (one part for most models).</summary>
    public JointParts Parts => parts;

    /// <summary>Sentences (featurized ids or pretrained sentence vectors, as the text model reads) → unit vectors <c>[B, D]</c> (plus the search prior, if any).</summary>
    public Tensor EncodeTexts(IReadOnlyList<TextInput> sentences)
    {
        using var scope = NewDisposeScope();
        var unit = parts.Normalize(text.Encode(sentences));
        return (priorSide == QueryPrior.Search ? unit.Plus(prior!) : unit).MoveToOuterDisposeScope();
    }

    /// <summary>Featurized sentences → unit vectors <c>[B, D]</c>, for the text models that read ids.</summary>
    public Tensor EncodeTexts(IReadOnlyList<int[]> sentences) => EncodeTexts([.. sentences.Select(TextInput.FromIds)]);

    /// <summary>The image encoder's output <c>[B, D]</c> → the image side's vectors: unit length, plus the annotation prior, if any.</summary>
    private Tensor ImageSide(Tensor encoded)
    {
        var unit = parts.Normalize(encoded);
        return priorSide == QueryPrior.Annotate ? unit.Plus(prior!) : unit;
    }

    private ISpatialImageEncoder Spatial() => image as ISpatialImageEncoder
        ?? throw new NotSupportedException($"The image encoder {image.GetName()} has no spatial maps: it reads pooled features.");
}
