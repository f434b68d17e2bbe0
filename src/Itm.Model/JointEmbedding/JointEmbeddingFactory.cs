using Itm.Model.ImageEncoders;

namespace Itm.Model.JointEmbedding;

/// <summary>Builds the joint model from the encoders the options name (each spec builds its own module).</summary>
public static class JointEmbeddingFactory
{
    /// <param name="textFeatureCount">Size of the text featurizer's id space (vocabulary or n-gram features), or the width of the pretrained sentence vectors (minilm).</param>
    /// <param name="imageInputShape">Shape of one image input: <c>[F]</c> features, <c>[C, S, S]</c> a block's input, or <c>[3, S, S]</c> pixels.</param>
    /// <param name="pretrainedBlock">
    /// For an encoder that fine-tunes a pretrained block (resnet18tune): the block a new model starts from (<see cref="ImageInputs.ImageInputSource.PretrainedBlock"/>).
    /// Null builds it untrained, which only suits a model whose weights are loaded next.
    /// </param>
    public static JointEmbeddingModel Create(
        JointEmbeddingOptions options, int textFeatureCount, IReadOnlyList<int> imageInputShape, ResNet18LastBlock? pretrainedBlock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var image = options.Image.Model.Build(options.Image, imageInputShape, options.Dim, pretrainedBlock);
        var text = options.Text.Model.Build(options.Text, textFeatureCount, options.Dim);
        return new JointEmbeddingModel(image, text, options.Prior, options.Dim, options.Text.Model.Parts(options.Text));
    }
}
