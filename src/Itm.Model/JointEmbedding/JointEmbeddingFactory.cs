using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;

namespace Itm.Model.JointEmbedding;

/// <summary>Builds the encoders named by the options: the one place that maps a model kind to a module.</summary>
public static class JointEmbeddingFactory
{
    /// <param name="textFeatureCount">Size of the text featurizer's id space (vocabulary or n-gram features), or the width of the pretrained sentence vectors (minilm).</param>
    /// <param name="imageInputShape">Shape of one image input: <c>[F]</c> features, <c>[C, S, S]</c> a block's input, or <c>[3, S, S]</c> pixels.</param>
    /// <param name="pretrainedBlock">
    /// For <see cref="ImageModel.ResNet18Tune"/>: the block a new model starts from (<see cref="ImageInputs.ImageInputSource.PretrainedBlock"/>).
    /// Null builds it untrained, which only suits a model whose weights are loaded next.
    /// </param>
    public static JointEmbeddingModel Create(
        JointEmbeddingOptions options, int textFeatureCount, IReadOnlyList<int> imageInputShape, ResNet18LastBlock? pretrainedBlock = null)
    {
        ImageEncoder image = options.Image.Model switch
        {
            ImageModel.ResNet18 => new FeatureMlpEncoder(imageInputShape[0], options.Image.HiddenDim, options.Dim, options.Image.Dropout),
            ImageModel.ConvNet => new ConvNetEncoder(imageInputShape[^1], options.Image.HiddenDim, options.Dim, options.Image.Dropout),
            ImageModel.ResNet18Tune => new ResNet18LastBlockEncoder(imageInputShape[0], options.Image.HiddenDim, options.Dim, options.Image.Dropout, pretrainedBlock),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Image.Model, "Unknown image model."),
        };
        TextEncoder text = options.Text.Model switch
        {
            TextModel.Bow or TextModel.Ngram => new BagOfFeaturesEncoder(textFeatureCount, options.Text.HiddenDim, options.Dim, options.Text.Dropout),
            TextModel.Sse => new SequenceEncoder(textFeatureCount, options.Text.WordDim, options.Text.GruDim, options.Dim, options.Text.Dropout),
            TextModel.Minilm => new SentenceVectorMlpEncoder(textFeatureCount, options.Text.HiddenDim, options.Dim, options.Text.Dropout),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Text.Model, "Unknown text model."),
        };
        return new JointEmbeddingModel(image, text, options.Prior, options.Dim);
    }
}
