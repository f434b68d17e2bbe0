using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using Itm.Model.Persistence;
using Itm.Model.TextEncoders;
using static Itm.Model.Tests.Export.OnnxExportFixtures;
using static TorchSharp.torch;

namespace Itm.Model.Tests.Catalog;

/// <summary>
/// Every encoder of the catalog, built-in or added (<see cref="MeanWordsSpec"/>), without being listed here: gives
/// finite unit vectors with every image encoder, trains, survives a model-folder round trip, and exports to an ONNX
/// graph that gives its embeddings.
/// </summary>
[Collection("Sequential")]
public sealed class EncoderCatalogTests : IDisposable
{
    private static readonly IReadOnlyList<string>[] Sentences =
    [
        ["a", "red", "circle", "left", "of", "a", "blue", "square"],
        ["a", "blue", "circle", "left", "of", "a", "red", "square"],
        ["a", "green", "star"],
        ["a", "red", "circle", "left", "of", "a", "blue", "square"],
    ];

    private readonly string folder = Directory.CreateTempSubdirectory("itm-catalog-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<TextEncoderSpec> TextEncoders() => [.. EncoderCatalog.Text];

    public static TheoryData<TextEncoderSpec, ImageEncoderSpec> AllPairs()
    {
        var data = new TheoryData<TextEncoderSpec, ImageEncoderSpec>();
        foreach (var text in EncoderCatalog.Text)
        {
            foreach (var image in EncoderCatalog.Image)
            {
                data.Add(text, image);
            }
        }

        return data;
    }

    [Fact]
    public void The_catalog_has_the_papers_encoders_and_one_name_each()
    {
        Assert.Equal(["bow", "ngram-2", "ngram-3", "ngram-3+skip", "sse", "minilm"], EncoderCatalog.Text.Take(6).Select(s => s.Name));
        Assert.Equal(["resnet18", "resnet18tune", "convnet"], EncoderCatalog.Image.Take(3).Select(s => s.Name));
        Assert.Contains(MeanWordsSpec.Instance, EncoderCatalog.Text);
        Assert.Equal(EncoderCatalog.Text.Count, EncoderCatalog.Text.Select(s => s.Name).Distinct().Count());
        Assert.Same(BagOfFeaturesSpec.TrigramSkip, EncoderCatalog.FindText("NGRAM-3+skip"));
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_lists_the_known_names()
    {
        var text = Assert.Throws<UnknownEncoderException>(() => EncoderCatalog.FindText("ngram"));
        var image = Assert.Throws<UnknownEncoderException>(() => EncoderCatalog.FindImage("vit"));

        Assert.Contains("'ngram'", text.Message);
        Assert.Contains("bow, ngram-2, ngram-3, ngram-3+skip, sse, minilm", text.Message);
        Assert.Contains("resnet18, resnet18tune, convnet", image.Message);
    }

    [Fact]
    public void Another_encoder_with_a_taken_name_is_refused_and_the_same_one_again_changes_nothing()
    {
        int count = EncoderCatalog.Text.Count;
        EncoderCatalog.Add(MeanWordsSpec.Instance);
        Assert.Equal(count, EncoderCatalog.Text.Count);
        Assert.Throws<ArgumentException>(() => EncoderCatalog.Add(new RenamedSpec("bow")));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Encoders_give_unit_vectors_of_the_joint_dimension(TextEncoderSpec text, ImageEncoderSpec image)
    {
        manual_seed(3);
        var options = Options(text, image, QueryPrior.None);
        int[] shape = ImageShape(image);
        using var model = JointEmbeddingFactory.Create(options, FeatureCount(text), shape);
        model.eval();

        // Sentences of different lengths, including a single token, in one batch.
        using var images = randn([3, .. shape.Select(s => (long)s)]);
        using var imageVectors = model.EncodeImages(images);
        using var textVectors = model.EncodeTexts(Inputs(text, [3, 1, 8]));

        foreach (var vectors in new[] { imageVectors, textVectors })
        {
            Assert.Equal(new long[] { 3, Dim }, vectors.shape);
            Assert.False(vectors.isnan().any().item<bool>());
            Assert.All(vectors.norm(1).data<float>().ToArray(), n => Assert.Equal(1f, n, 4));
        }
    }

    [Theory]
    [MemberData(nameof(TextEncoders))]
    public void Every_text_encoder_trains_a_matching_loss_down(TextEncoderSpec text)
    {
        manual_seed(11);
        var options = Options(text, FeatureMlpSpec.ResNet18, QueryPrior.None);
        options = options with { Text = options.Text with { Dropout = 0 }, Image = options.Image with { Dropout = 0 } };
        using var model = JointEmbeddingFactory.Create(options, FeatureCount(text), [8]);
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        using var images = randn(6, 8);
        var sentences = Inputs(text, [2, 3, 2, 4, 2, 3], seed: 5);

        float Step(bool learn)
        {
            using var scope = NewDisposeScope();
            var scores = model.EncodeImages(images).matmul(model.EncodeTexts(sentences).t()) / 0.1;
            var loss = nn.functional.cross_entropy(scores, arange(6));
            if (learn)
            {
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }

            return loss.item<float>();
        }

        model.train();
        float before = Step(learn: false);
        for (int step = 0; step < 50; step++)
        {
            Step(learn: true);
        }

        float after = Step(learn: false);
        Assert.True(after < before * 0.5, $"{text}: loss went from {before} to {after}");
    }

    [Theory]
    [MemberData(nameof(TextEncoders))]
    public void Every_text_encoder_survives_a_model_folder_round_trip(TextEncoderSpec text)
    {
        manual_seed(21);
        var options = Options(text, FeatureMlpSpec.ResNet18, QueryPrior.None);
        using var source = text.CreateSource(options.Text, () => text.BuildFeaturizer(options.Text, Sentences));
        using var model = JointEmbeddingFactory.Create(options, source.FeatureCount, [10]);
        model.eval();
        var manifest = new ModelManifest
        {
            Joint = options,
            ImageInput = new ImageInputInfo("test-features", "fp", [10]),
            TextFeaturizerHash = "",
            TextFeatureCount = 0,
            StateDict = [],
        };
        string[] sentences = ["a red circle left of a blue square", "a green star", "an unseen word"];
        var before = Embedder.EncodeTexts(model, source.FromSentences(sentences));

        ModelFolder.Save(folder, model, manifest, source);
        using var loaded = ModelFolder.Load(folder);

        Assert.Same(text, loaded.Manifest.Joint.Text.Model);
        Assert.Equal(before, loaded.EncodeSentences(sentences));
    }

    [Theory]
    [MemberData(nameof(TextEncoders))]
    public void Every_text_encoder_exports_a_graph_that_gives_its_embeddings(TextEncoderSpec text)
    {
        foreach (var prior in new[] { QueryPrior.None, QueryPrior.Search })
        {
            var options = Options(text, FeatureMlpSpec.ResNet18, prior);
            using var model = Create(options, FeatureCount(text), [16]);
            var inputs = WithUnknownSentence(text, Inputs(text, [5, 1, 9, 3], seed: 3));
            var expected = Embedder.EncodeTexts(model, inputs);

            var path = Path.Combine(folder, OnnxExport.TextEncoderFile);
            var info = OnnxExport.WriteTextEncoder(model, options, path);
            using var session = Session(path);
            var exported = text.Input switch
            {
                TextInputKind.SentenceVectors => RunFloats(session, OnnxTextEncoderExport.SentenceVectorsInput, [.. inputs.SelectMany(i => i.Vector)], [inputs.Count, FeatureCount(text)]),
                TextInputKind.FeatureIdsAndSentenceVectors => RunIds(session, [.. inputs.Select(i => i.Ids)], extraPadding: 2, vectors: [.. inputs.Select(i => i.Vector)]),
                _ => RunIds(session, [.. inputs.Select(i => i.Ids)], extraPadding: 2),
            };

            float difference = MaxAbsDifference(expected, exported);
            Assert.True(difference < 1e-5f, $"{text} prior={prior}: max abs difference {difference}.");
            Assert.Equal(text.Name, info.Model);
            Assert.Equal(text.ExportCallerSteps, info.CallerPreprocessing);
        }
    }

    /// <summary>The width of a text encoder's input: ids below 40, or a MiniLM-wide vector.</summary>
    private static int FeatureCount(TextEncoderSpec text) => text.Input == TextInputKind.SentenceVectors ? 384 : 40;

    /// <summary>One input per length: ids (sequence ids avoid the pad id 0, as a vocabulary's do), a unit vector, or both.</summary>
    private static IReadOnlyList<TextInput> Inputs(TextEncoderSpec text, int[] lengths, int seed = 7)
    {
        var random = new Random(seed);
        int count = FeatureCount(text);
        int[][] ids = [.. lengths.Select(n => Enumerable.Range(0, n).Select(_ => random.Next(1, count)).ToArray())];
        var vectors = UnitVectors(lengths.Length, 384);
        return text.Input switch
        {
            TextInputKind.SentenceVectors => [.. vectors.Select(TextInput.FromVector)],
            TextInputKind.FeatureIdsAndSentenceVectors => [.. ids.Zip(vectors, TextInput.FromBoth)],
            _ => [.. ids.Select(TextInput.FromIds)],
        };
    }

    /// <summary>
    /// For the encoders that read ids and a vector, one more sentence of which the bag knows no word (a featurizer writes
    /// the unknown id alone): the late fusion leaves it to the sentence part.
    /// </summary>
    private static IReadOnlyList<TextInput> WithUnknownSentence(TextEncoderSpec text, IReadOnlyList<TextInput> inputs) =>
        text.Input == TextInputKind.FeatureIdsAndSentenceVectors
            ? [.. inputs, TextInput.FromBoth([NGramFeaturizer.UnknownFeatureId], UnitVectors(1, 384)[0])]
            : inputs;

    /// <summary>One image's input: pooled features, (small) maps, or pixels.</summary>
    private static int[] ImageShape(ImageEncoderSpec image) => image.Input switch
    {
        ImageInputKind.PooledFeatures => [512],
        ImageInputKind.BlockInput or ImageInputKind.FinalMaps => [16, 4, 4],
        _ => [3, PixelSize, PixelSize],
    };

    private sealed class RenamedSpec(string name) : TextEncoderSpec
    {
        public override string Name => name;

        public override string Summary => "";

        public override TextInputKind Input => TextInputKind.FeatureIds;

        public override IReadOnlyList<string> OptionsUsed => [];

        public override TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim) => throw new NotSupportedException();

        public override ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens) => throw new NotSupportedException();

        internal override OnnxEncoderGraph ExportGraph(OnnxGraphBuilder graph, ModelWeights weights) => throw new NotSupportedException();

        public override IReadOnlyList<string> ExportCallerSteps => [];
    }
}
