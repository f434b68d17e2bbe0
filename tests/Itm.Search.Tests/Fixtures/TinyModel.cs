using Itm.Data.Text;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using static TorchSharp.torch;
using Itm.Model.TextEncoders;
using Itm.Model.Catalog;
using Itm.Model.ImageEncoders;

namespace Itm.Search.Tests.Fixtures;

/// <summary>
/// An untrained but complete model folder, made in milliseconds: a bag-of-words text channel and a ConvNet on 16×16
/// pixels (no pretrained network to run), saved with <c>ModelFolder.Save</c> exactly as training would.
/// Its rankings mean nothing; what the tests check is that the index returns what the model itself computes.
/// </summary>
internal static class TinyModel
{
    public const int PixelSize = 16;

    public static readonly string[] Sentences =
    [
        "a red square", "a green circle", "a blue square", "a yellow circle", "a black stripe", "a red circle on white",
    ];

    /// <summary>Saves a model (weights drawn from <paramref name="seed"/>) into <paramref name="folder"/>.</summary>
    /// <param name="image">
    /// The image model: the ConvNet on pixels, or an MLP over frozen ResNet18 features, whose manifest names an input
    /// fingerprint no featurizer computes: enough for what reads only the weights.
    /// </param>
    public static string Save(string folder, int seed, ImageEncoderSpec? image = null)
    {
        image ??= ConvNetSpec.ConvNet;
        manual_seed(seed);
        var options = new JointEmbeddingOptions
        {
            Dim = 16,
            Text = new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32, Dropout = 0 },
            Image = new ImageEncoderOptions { Model = image, PixelSize = PixelSize, HiddenDim = 16, Dropout = 0 },
        };
        var featurizer = NGramFeaturizer.Build(NGramScheme.Unigram, Sentences.Select(Tokenizer.Tokenize).ToList(), minCount: 1);
        var pixels = new PixelExtractor(PixelSize, options.Image.Fit);
        var input = image.Input switch
        {
            ImageInputKind.Pixels => new ImageInputInfo(pixels.Name, pixels.Fingerprint, [3, PixelSize, PixelSize]),
            ImageInputKind.PooledFeatures => new ImageInputInfo("resnet18", "no-featurizer-computes-this", [512]),
            _ => throw new ArgumentOutOfRangeException(nameof(image), image, "A tiny model reads pixels or pooled features."),
        };
        using var model = JointEmbeddingFactory.Create(options, featurizer.FeatureCount, input.Shape);
        var manifest = new ModelManifest
        {
            Joint = options,
            ImageInput = input,
            TextFeaturizerHash = featurizer.Hash,
            TextFeatureCount = featurizer.FeatureCount,
            StateDict = [],
        };
        ModelFolder.Save(folder, model, manifest, featurizer);
        return folder;
    }
}
