using System.Text.Json;
using Itm.Data.Text;
using Itm.Model.Export;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Xunit.Abstractions;
using static Itm.Model.Tests.Export.OnnxExportFixtures;
using static TorchSharp.torch;
using Itm.Model.TextEncoders;
using Itm.Model.ImageEncoders;
using Itm.Model.Catalog;

namespace Itm.Model.Tests.Export;

/// <summary>
/// A model folder exports to a folder a caller can use without itm's model code: two ONNX files, the featurizer and
/// onnx.json, whose text × image scores are itm's.
/// </summary>
[Collection("Sequential")]
public sealed class OnnxExportTests : IDisposable
{
    private static readonly string[] Raw =
    [
        "A red circle left of a blue square.",
        "a blue circle left of a red square",
        "A green star",
        "a purple zebra under the red circle",   // unknown words
        "square",
    ];

    private readonly string root = Directory.CreateTempSubdirectory("itm-onnx-export-").FullName;
    private readonly ITestOutputHelper output;

    public OnnxExportTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => Directory.Delete(root, recursive: true);

    public static TheoryData<TextEncoderSpec, QueryPrior> Models() => new()
    {
        { BagOfFeaturesSpec.TrigramSkip, QueryPrior.None },
        { BagOfFeaturesSpec.TrigramSkip, QueryPrior.Search },
        { SequenceEncoderSpec.Sse, QueryPrior.Annotate },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void An_exported_model_folder_scores_sentences_against_images_as_itm_does(TextEncoderSpec text, QueryPrior prior)
    {
        // Given a saved model (ConvNet on pixels, so the export needs no pretrained network) and its raw inputs
        using var loaded = SaveAndLoad(Options(text, ConvNetSpec.ConvNet, prior));
        var images = Images(4, PixelSize, seed: 8);
        using var pixels = tensor(new PixelExtractor(PixelSize).Featurize(images).SelectMany(r => r).ToArray()).view(4, 3, PixelSize, PixelSize);
        var itmTexts = loaded.EncodeSentences(Raw);
        var itmImages = Embedder.EncodeImages(loaded.Model, pixels);

        // When it is exported, and a caller follows onnx.json: featurize with the exported featurizer, run both graphs
        var outDir = Path.Combine(root, "onnx");
        var result = OnnxExport.Write(loaded, outDir);
        var featurizer = TextFeaturizerFile.Load(Path.Combine(outDir, Assert.IsType<string>(result.Text.Featurizer?.File)));
        var ids = Raw.Select(s => featurizer.Featurize(Tokenizer.Tokenize(s))).ToList();
        using var textSession = Session(Path.Combine(outDir, OnnxExport.TextEncoderFile));
        using var imageSession = Session(Path.Combine(outDir, OnnxExport.ImageEncoderFile));
        var onnxTexts = RunIds(textSession, ids);
        var onnxImages = RunFloats(imageSession, "pixels", Pixels(images), [4, 3, PixelSize, PixelSize]);

        // Then the embeddings and the text × image score matrices agree with itm's
        var (t, i) = (MaxAbsDifference(itmTexts, onnxTexts), MaxAbsDifference(itmImages, onnxImages));
        var s = MaxAbsDifference(Scores(itmTexts, itmImages, Dim), Scores(onnxTexts, onnxImages, Dim));
        output.WriteLine($"{text} + convnet prior={prior}: max |diff| text {t:E2}, image {i:E2}, scores {s:E2}");
        Assert.True(t < 1e-5f && i < 1e-5f && s < 1e-5f, $"Max abs differences: text {t}, image {i}, scores {s}.");

        // and onnx.json describes both files
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, OnnxExport.DescriptionFile)));
        var description = json.RootElement;
        Assert.Equal("itm-onnx", description.GetProperty("format").GetString());
        Assert.Equal(Dim, description.GetProperty("dim").GetInt32());
        Assert.Equal(prior.ToString().ToLowerInvariant(), description.GetProperty("prior").GetString());
        Assert.Equal(OnnxExport.TextEncoderFile, description.GetProperty("text").GetProperty("file").GetString());
        Assert.Equal("pixels", description.GetProperty("image").GetProperty("inputs")[0].GetProperty("name").GetString());
        Assert.Equal(loaded.Manifest.TextFeaturizerHash, description.GetProperty("text").GetProperty("featurizer").GetProperty("hash").GetString());
        Assert.Equal("embedding", description.GetProperty("image").GetProperty("output").GetProperty("name").GetString());
    }

    [Fact]
    public void A_model_trained_on_other_image_inputs_is_refused()
    {
        // Given a model folder whose manifest names image inputs this itm does not compute
        var options = Options(BagOfFeaturesSpec.Bow, ConvNetSpec.ConvNet, QueryPrior.None);
        using var loaded = SaveAndLoad(options, imageFingerprint: "0123456789abcdef-other-pixels");

        // When exported, then the export refuses, naming the mismatch
        var error = Assert.Throws<ModelFolderException>(() => OnnxExport.Write(loaded, Path.Combine(root, "onnx")));
        Assert.Contains("fingerprint 0123456789ab", error.Message);
    }

    private LoadedModel SaveAndLoad(JointEmbeddingOptions options, string? imageFingerprint = null)
    {
        var tokens = Raw.Take(3).Select(Tokenizer.Tokenize).ToList();
        ITextFeaturizer featurizer = options.Text.Model is BagOfFeaturesSpec bag
            ? NGramFeaturizer.Build(bag.Scheme, tokens, minCount: 1)
            : new SequenceFeaturizer(Itm.Data.Text.Vocabulary.Build(tokens));
        var pixels = new PixelExtractor(PixelSize);
        var folder = Path.Combine(root, "model");
        using (var model = Create(options, featurizer.FeatureCount, [3, PixelSize, PixelSize]))
        {
            var manifest = new ModelManifest
            {
                Joint = options,
                ImageInput = new ImageInputInfo(pixels.Name, imageFingerprint ?? pixels.Fingerprint, [3, PixelSize, PixelSize]),
                TextFeaturizerHash = featurizer.Hash,
                TextFeatureCount = featurizer.FeatureCount,
                StateDict = [],
            };
            ModelFolder.Save(folder, model, manifest, featurizer);
        }

        return ModelFolder.Load(folder);
    }
}
