using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.JointEmbedding;

/// <summary>
/// The two channels and the shared space: each side's encoder ends in a projection to the joint
/// dimension, and both outputs are L2-normalised so a dot product is the cosine match score.
/// A model with a <see cref="QueryPrior"/> adds its learned prior vector to the query side of its direction.
/// State-dict keys are a contract (model folders): <c>image.*</c>, <c>text.*</c>, and <c>prior</c> when there is one.
/// </summary>
public sealed class JointEmbeddingModel : nn.Module
{
    private readonly ImageEncoder image;
    private readonly TextEncoder text;
    private readonly QueryPrior priorSide;
    private readonly TorchSharp.Modules.Parameter? prior;

    public JointEmbeddingModel(ImageEncoder image, TextEncoder text, QueryPrior priorSide = QueryPrior.None, int dim = 0)
        : base(nameof(JointEmbeddingModel))
    {
        this.image = image;
        this.text = text;
        this.priorSide = priorSide;
        if (priorSide != QueryPrior.None)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
            prior = nn.Parameter(zeros(dim));
        }

        RegisterComponents();
    }

    /// <summary>The parameters that start from pretrained weights (see <see cref="ImageEncoder.PretrainedParameters"/>).</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> PretrainedParameters() => image.PretrainedParameters();

    /// <summary>Images <c>[B, ...]</c> → unit vectors <c>[B, D]</c> (plus the annotation prior, if any).</summary>
    public Tensor EncodeImages(Tensor images)
    {
        using var scope = NewDisposeScope();
        var unit = nn.functional.normalize(image.Encode(images), p: 2, dim: 1);
        return (priorSide == QueryPrior.Annotate ? unit + prior! : unit).MoveToOuterDisposeScope();
    }

    /// <summary>Sentences (featurized ids or pretrained sentence vectors, as the text model reads) → unit vectors <c>[B, D]</c> (plus the search prior, if any).</summary>
    public Tensor EncodeTexts(IReadOnlyList<TextInput> sentences)
    {
        using var scope = NewDisposeScope();
        var unit = nn.functional.normalize(text.Encode(sentences), p: 2, dim: 1);
        return (priorSide == QueryPrior.Search ? unit + prior! : unit).MoveToOuterDisposeScope();
    }

    /// <summary>Featurized sentences → unit vectors <c>[B, D]</c>, for the text models that read ids.</summary>
    public Tensor EncodeTexts(IReadOnlyList<int[]> sentences) => EncodeTexts([.. sentences.Select(TextInput.FromIds)]);
}
