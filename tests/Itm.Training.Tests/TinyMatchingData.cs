using Itm.Model.JointEmbedding;
using static TorchSharp.torch;
using Itm.Model.TextEncoders;
using Itm.Model.ImageEncoders;

namespace Itm.Training.Tests;

/// <summary>
/// A toy matching problem with a known answer: image i has a random feature vector, and its two
/// sentences are bags holding feature id i+2 (one of them also a shared "filler" id). A model that
/// learns anything matches them far above chance.
/// </summary>
internal static class TinyMatchingData
{
    public const int FeatureDim = 16;
    public const int TextFeatures = 64;

    public static TrainingData Create(int images, int seed)
    {
        var generator = new Generator((ulong)seed);
        var features = randn([images, FeatureDim], generator: generator);
        var sentences = new List<int[]>();
        var sentenceImage = new List<int>();
        for (int i = 0; i < images; i++)
        {
            sentences.Add([i + 2]);
            sentenceImage.Add(i);
            sentences.Add([i + 2, 1]);
            sentenceImage.Add(i);
        }

        return new TrainingData(features, sentences, sentenceImage);
    }

    public static JointEmbeddingModel Model(int seed)
    {
        manual_seed(seed);
        var options = new JointEmbeddingOptions
        {
            Dim = 16,
            Text = new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32, Dropout = 0 },
            Image = new ImageEncoderOptions { Model = FeatureMlpSpec.ResNet18, HiddenDim = 32, Dropout = 0.1 },
        };
        return JointEmbeddingFactory.Create(options, TextFeatures, [FeatureDim]);
    }

    public static void AssertSameWeights(JointEmbeddingModel expected, JointEmbeddingModel actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        Assert.Equal(a.Keys.OrderBy(k => k), b.Keys.OrderBy(k => k));
        foreach (var (key, value) in a)
        {
            Assert.True(value.allclose(b[key], rtol: 0, atol: 0), $"weights differ at {key}");
        }
    }
}
