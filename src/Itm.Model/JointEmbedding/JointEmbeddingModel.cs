using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.JointEmbedding;

/// <summary>
/// The two channels and the shared space: each side's encoder ends in a projection to the joint
/// dimension, and both outputs are L2-normalised so a dot product is the cosine match score.
/// State-dict keys are a contract (model folders): <c>image.*</c> and <c>text.*</c>.
/// </summary>
public sealed class JointEmbeddingModel : nn.Module
{
    private readonly ImageEncoder image;
    private readonly TextEncoder text;

    public JointEmbeddingModel(ImageEncoder image, TextEncoder text)
        : base(nameof(JointEmbeddingModel))
    {
        this.image = image;
        this.text = text;
        RegisterComponents();
    }

    /// <summary>Images <c>[B, ...]</c> → unit vectors <c>[B, D]</c>.</summary>
    public Tensor EncodeImages(Tensor images)
    {
        using var scope = NewDisposeScope();
        return nn.functional.normalize(image.Encode(images), p: 2, dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>Featurized sentences → unit vectors <c>[B, D]</c>.</summary>
    public Tensor EncodeTexts(IReadOnlyList<int[]> sentences)
    {
        using var scope = NewDisposeScope();
        return nn.functional.normalize(text.Encode(sentences), p: 2, dim: 1).MoveToOuterDisposeScope();
    }
}
