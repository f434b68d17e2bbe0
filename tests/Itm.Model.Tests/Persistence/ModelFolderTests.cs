using System.Text.Json;
using Itm.Data.Images;
using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Features;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.Tests.TextEncoders;
using Itm.Model.TextEncoders;
using Itm.Model.TextInputs;
using static TorchSharp.torch;

namespace Itm.Model.Tests.Persistence;

/// <summary>The model folder contract: a round trip reproduces the scores, and any mismatch is a clear error.</summary>
[Collection("Sequential")]
public sealed class ModelFolderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("itm-modelfolder-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly IReadOnlyList<string>[] Sentences =
    [
        ["a", "red", "circle", "left", "of", "a", "blue", "square"],
        ["a", "blue", "circle", "left", "of", "a", "red", "square"],
        ["a", "green", "star"],
    ];

    private static (JointEmbeddingModel Model, ITextFeaturizer Featurizer, ModelManifest Manifest) Build(TextEncoderSpec text)
    {
        manual_seed(21);
        var options = new JointEmbeddingOptions
        {
            Dim = 8,
            Text = new TextEncoderOptions { Model = text, HiddenDim = 16, WordDim = 6, GruDim = 5 },
            Image = new ImageEncoderOptions { HiddenDim = 12 },
        };
        ITextFeaturizer featurizer = text is BagOfFeaturesSpec bag
            ? NGramFeaturizer.Build(bag.Scheme, Sentences, minCount: 1)
            : new SequenceFeaturizer(Vocabulary.Build(Sentences));
        var model = JointEmbeddingFactory.Create(options, featurizer.FeatureCount, [10]);
        var manifest = new ModelManifest
        {
            Joint = options,
            ImageInput = new ImageInputInfo("test-features", "fp", [10]),
            TextFeaturizerHash = featurizer.Hash,
            TextFeatureCount = featurizer.FeatureCount,
            StateDict = [],
        };
        return (model, featurizer, manifest);
    }

    public static TheoryData<TextEncoderSpec> IdModels() => [BagOfFeaturesSpec.Bow, BagOfFeaturesSpec.TrigramSkip, SequenceEncoderSpec.Sse];

    [Theory]
    [MemberData(nameof(IdModels))]
    public void A_saved_model_loads_back_and_gives_the_same_scores(TextEncoderSpec text)
    {
        var (model, featurizer, manifest) = Build(text);
        using var images = randn(3, 10);
        var ids = Sentences.Select(featurizer.Featurize).ToList();
        model.eval();
        using var expected = model.EncodeImages(images).matmul(model.EncodeTexts(ids).t());

        ModelFolder.Save(folder, model, manifest, featurizer);
        model.Dispose();
        using var loaded = ModelFolder.Load(folder);

        var reloadedIds = Sentences.Select(loaded.Text.Featurizer!.Featurize).ToList();
        using var actual = loaded.Model.EncodeImages(images).matmul(loaded.Model.EncodeTexts(reloadedIds).t());
        Assert.Equal(ids, reloadedIds);
        Assert.True(expected.allclose(actual, rtol: 1e-6, atol: 1e-6));
        Assert.Equal(text, loaded.Manifest.Joint.Text.Model);
    }

    [Fact]
    public void A_saved_minilm_model_loads_back_and_encodes_raw_sentences_with_the_same_scores()
    {
        // Given a minilm model and the sentence vectors it reads
        string[] raw = ["a red circle left of a blue square", "a green star"];
        var (model, manifest) = BuildMiniLm();
        var vectors = SharedMiniLm.Instance.Extract(raw, null, CancellationToken.None).Select(TextInput.FromVector).ToList();
        using var images = randn(2, 10);
        model.eval();
        using var expected = model.EncodeImages(images).matmul(model.EncodeTexts(vectors).t());

        // When it is saved (the shared MiniLM is not the source's to dispose) and loaded back
        ModelFolder.Save(folder, model, manifest, TextInputSource.FromExtractor(SharedMiniLm.Instance));
        model.Dispose();
        using var loaded = ModelFolder.Load(folder);

        // Then raw sentences give the same scores, and the folder names the encoder instead of holding a featurizer
        using var actual = loaded.Model.EncodeImages(images).matmul(tensor(loaded.EncodeSentences(raw)).view(2, 8).t());
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-5));
        Assert.False(File.Exists(Path.Combine(folder, ModelFolder.FeaturizerFile)));
        Assert.Equal(SentenceVectorMlpSpec.MiniLm, loaded.Manifest.Joint.Text.Model);
        Assert.Equal(SharedMiniLm.Instance.Fingerprint, loaded.Manifest.TextFeaturizerHash);
        Assert.Equal(384, loaded.Manifest.TextFeatureCount);
        Assert.Contains("\"model\": \"minilm\"", File.ReadAllText(Path.Combine(folder, ModelFolder.ManifestFile)));
        Assert.Contains("text.hidden.weight [16,384]", loaded.Manifest.StateDict);
    }

    [Fact]
    public void A_minilm_model_trained_with_another_encoder_build_is_refused()
    {
        var (model, manifest) = BuildMiniLm();
        ModelFolder.Save(folder, model, manifest, TextInputSource.FromExtractor(SharedMiniLm.Instance));
        model.Dispose();
        string path = Path.Combine(folder, ModelFolder.ManifestFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace(SharedMiniLm.Instance.Fingerprint, "minilm-0000000000000000", StringComparison.Ordinal));

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Load(folder));

        Assert.Contains("fingerprint minilm-00000", error.Message);
        Assert.Contains("Retrain", error.Message);
    }

    private static (JointEmbeddingModel Model, ModelManifest Manifest) BuildMiniLm()
    {
        manual_seed(22);
        var options = new JointEmbeddingOptions
        {
            Dim = 8,
            Text = new TextEncoderOptions { Model = SentenceVectorMlpSpec.MiniLm, HiddenDim = 16, Precision = PretrainedPrecision.Float32 },
            Image = new ImageEncoderOptions { HiddenDim = 12 },
        };
        var model = JointEmbeddingFactory.Create(options, MiniLmExtractor.VectorDimension, [10]);
        var manifest = new ModelManifest
        {
            Joint = options,
            ImageInput = new ImageInputInfo("test-features", "fp", [10]),
            TextFeaturizerHash = string.Empty,
            TextFeatureCount = 0,
            StateDict = [],
        };
        return (model, manifest);
    }

    [Fact]
    public void The_manifest_pins_readable_state_dict_keys()
    {
        var (model, featurizer, manifest) = Build(SequenceEncoderSpec.Sse);
        ModelFolder.Save(folder, model, manifest, featurizer);
        model.Dispose();

        var pinned = ModelFolder.ReadManifest(folder).StateDict;

        // The checkpoint contract: these names must not change without a format version bump.
        Assert.Contains("image.hidden.weight [12,10]", pinned);
        Assert.Contains("image.output.weight [8,12]", pinned);
        Assert.Contains(pinned, k => k.StartsWith("text.gru.weight_ih_l0 ", StringComparison.Ordinal));
        Assert.Contains(pinned, k => k.StartsWith("text.embedding.weight ", StringComparison.Ordinal));
        Assert.Contains("text.output.weight [8,10]", pinned);
    }

    [Fact]
    public void A_manifest_for_other_weights_is_refused_with_a_message_naming_the_file()
    {
        var (model, featurizer, manifest) = Build(BagOfFeaturesSpec.Bow);
        ModelFolder.Save(folder, model, manifest, featurizer);
        model.Dispose();
        string path = Path.Combine(folder, ModelFolder.ManifestFile);
        var json = File.ReadAllText(path).Replace("\"dim\": 8", "\"dim\": 9", StringComparison.Ordinal);
        File.WriteAllText(path, json);

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Load(folder));
        Assert.Contains(ModelFolder.ManifestFile, error.Message);
    }

    [Fact]
    public void A_manifest_with_a_key_written_twice_is_refused_naming_the_file()
    {
        // The shape afl-fuzz found (fuzz/regressions/model-json): JsonNode accepted the duplicate and threw
        // ArgumentException on first read, past ReadManifest's error handling.
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, ModelFolder.ManifestFile);
        File.WriteAllText(path, """{"format": "itm-model", "formatVersion": 1, "formatVersion": 2}""");

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.ReadManifest(folder));
        Assert.Contains(path, error.Message);
        Assert.Contains("Duplicate", error.Message);
    }

    [Fact]
    public void A_replaced_featurizer_is_refused()
    {
        var (model, featurizer, manifest) = Build(BagOfFeaturesSpec.Bow);
        ModelFolder.Save(folder, model, manifest, featurizer);
        model.Dispose();
        NGramFeaturizer.Build(NGramScheme.Unigram, [["other", "words"]], minCount: 1).Save(Path.Combine(folder, ModelFolder.FeaturizerFile));

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Load(folder));
        Assert.Contains(ModelFolder.FeaturizerFile, error.Message);
    }

    [Fact]
    public void Damaged_weights_are_refused_by_their_checksum_before_they_are_loaded()
    {
        var (model, featurizer, manifest) = Build(BagOfFeaturesSpec.Bow);
        ModelFolder.Save(folder, model, manifest, featurizer);
        model.Dispose();
        string weights = Path.Combine(folder, ModelFolder.WeightsFile);
        Assert.Equal(ModelFolder.HashWeights(weights), ModelFolder.ReadManifest(folder).WeightsSha256);
        byte[] bytes = File.ReadAllBytes(weights);
        bytes[bytes.Length / 2] ^= 0x40;   // one flipped bit in the middle of a tensor: the loader alone would not notice
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Load(folder));
        Assert.Contains(ModelFolder.WeightsFile, error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void A_folder_saved_before_weights_had_a_checksum_still_loads()
    {
        var (model, featurizer, manifest) = Build(BagOfFeaturesSpec.Bow);
        ModelFolder.Save(folder, model, manifest, featurizer);
        model.Dispose();
        ModelFolder.WriteManifest(folder, ModelFolder.ReadManifest(folder) with { WeightsSha256 = null });

        using var loaded = ModelFolder.Load(folder);
        Assert.Null(loaded.Manifest.WeightsSha256);
    }

    [Fact]
    public void A_newer_format_version_is_refused()
    {
        var (model, featurizer, manifest) = Build(BagOfFeaturesSpec.Bow);
        ModelFolder.Save(folder, model, manifest with { FormatVersion = 99 }, featurizer);
        model.Dispose();

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Load(folder));
        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public void A_folder_without_a_manifest_says_how_to_make_one()
    {
        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.Load(folder));
        Assert.Contains("itm train", error.Message);
    }

    [Theory]
    [InlineData("bow", null, "bow")]
    [InlineData("ngram", "bigram", "ngram-2")]
    [InlineData("ngram", "trigram", "ngram-3")]
    [InlineData("ngram", "trigram-skip", "ngram-3+skip")]
    [InlineData("sse", "trigram-skip", "sse")]
    public void A_folder_written_before_the_encoder_catalog_loads_with_its_encoders_named_as_now(string oldModel, string? oldScheme, string name)
    {
        // Given a folder saved now, its model.json rewritten as format 1 wrote it (kind + scheme, kebab-cased image kind)
        var text = EncoderCatalog.FindText(name);
        var (model, featurizer, manifest) = Build(text);
        using (model)
        {
            ModelFolder.Save(folder, model, manifest, featurizer);
        }

        string path = Path.Combine(folder, ModelFolder.ManifestFile);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        json["formatVersion"] = 1;
        json["joint"]!["text"]!["model"] = oldModel;
        json["joint"]!["text"]!["nGrams"] = oldScheme ?? "trigram-skip";
        json["joint"]!["text"]!["bagScheme"] = "unigram";
        json["joint"]!["text"]!["displayName"] = name;
        json["joint"]!["image"]!["model"] = "res-net18";
        File.WriteAllText(path, json.ToJsonString());

        // When it loads, then it has the encoders it was trained with
        using var loaded = ModelFolder.Load(folder);
        Assert.Same(text, loaded.Manifest.Joint.Text.Model);
        Assert.Same(Itm.Model.ImageEncoders.FeatureMlpSpec.ResNet18, loaded.Manifest.Joint.Image.Model);
        Assert.Equal(ModelManifest.CurrentFormatVersion, loaded.Manifest.FormatVersion);
    }

    [Theory]
    [InlineData(null, "float32")]
    [InlineData("int8", "int8")]
    public void A_version_2_folder_reads_its_precision_as_written_and_float32_when_it_wrote_none(string? written, string read)
    {
        // Version 2 wrote a channel's precision only once int8 existed; a folder without one was computed in float32,
        // whatever a new model's default is.
        var manifest = System.Text.Json.Nodes.JsonNode.Parse("""
            {"format": "itm-model", "formatVersion": 2, "joint": {"text": {"model": "minilm"}, "image": {"model": "resnet18"}}}
            """)!;
        if (written is not null)
        {
            manifest["joint"]!["image"]!["precision"] = written;
        }

        var upgraded = ManifestUpgrade.Upgrade(manifest);

        Assert.Equal(ModelManifest.CurrentFormatVersion, upgraded["formatVersion"]!.GetValue<int>());
        Assert.Equal(read, upgraded["joint"]!["image"]!["precision"]!.GetValue<string>());
        Assert.Equal("float32", upgraded["joint"]!["text"]!["precision"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, ImageFit.CropCenter)]
    [InlineData("contain", ImageFit.Contain)]
    public void A_version_3_folder_reads_its_image_fit_as_written_and_the_centre_crop_when_it_wrote_none(string? written, ImageFit read)
    {
        // Before version 4 every model put its pictures on the square input by the centre crop, whatever a new model's
        // default is; the fit travels into the options the inputs are computed with.
        var manifest = System.Text.Json.Nodes.JsonNode.Parse("""
            {"format": "itm-model", "formatVersion": 3, "joint": {"text": {"model": "minilm", "precision": "int8"}, "image": {"model": "resnet18", "precision": "int8"}}}
            """)!;
        if (written is not null)
        {
            manifest["joint"]!["image"]!["fit"] = written;
        }

        var upgraded = ManifestUpgrade.Upgrade(manifest);
        var options = upgraded["joint"]!.Deserialize<JointEmbeddingOptions>(ModelFolder.Json)!;

        Assert.Equal(4, upgraded["formatVersion"]!.GetValue<int>());
        Assert.Equal(read, options.Image.Fit);
        Assert.Equal(PretrainedPrecision.Int8, options.Image.Precision);
    }

    [Fact]
    public void A_saved_folder_keeps_the_fit_it_was_trained_with()
    {
        var (model, featurizer, manifest) = Build(BagOfFeaturesSpec.Bow);
        manifest = manifest with { Joint = manifest.Joint with { Image = manifest.Joint.Image with { Fit = ImageFit.CropCenter } } };
        using (model)
        {
            ModelFolder.Save(folder, model, manifest, featurizer);
        }

        Assert.Contains("\"fit\": \"crop-center\"", File.ReadAllText(Path.Combine(folder, ModelFolder.ManifestFile)));
        using var loaded = ModelFolder.Load(folder);
        Assert.Equal(ImageFit.CropCenter, loaded.Manifest.Joint.Image.Fit);
    }

    [Fact]
    public void A_manifest_naming_an_unknown_encoder_is_refused_with_the_known_names()
    {
        var (model, featurizer, manifest) = Build(BagOfFeaturesSpec.Bow);
        using (model)
        {
            ModelFolder.Save(folder, model, manifest, featurizer);
        }

        string path = Path.Combine(folder, ModelFolder.ManifestFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"model\": \"bow\"", "\"model\": \"bert\"", StringComparison.Ordinal));

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.ReadManifest(folder));
        Assert.Contains(path, error.Message);
        Assert.Contains("'bert'", error.Message);
        Assert.Contains("bow, ngram-2", error.Message);
    }
}
