using Itm.Model.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;
using Xunit.Abstractions;
using static Itm.Model.Tests.Export.OnnxExportFixtures;
using Itm.Model.ImageEncoders;
using Itm.Model.Catalog;

namespace Itm.Model.Tests.Export;

/// <summary>
/// The exported text graph gives itm's embeddings: the same sentences through TorchSharp (<see cref="Embedder"/>) and
/// through ONNX Runtime on the exported file agree, with sentences of different lengths in one batch and one at a time.
/// </summary>
[Collection("Sequential")]
public sealed class OnnxTextEncoderExportTests : IDisposable
{
    private const int Vocabulary = 40;
    private static readonly int[] Lengths = [5, 1, 9, 3, 9, 2, 7];

    private readonly string folder = Directory.CreateTempSubdirectory("itm-onnx-text-").FullName;
    private readonly ITestOutputHelper output;

    public OnnxTextEncoderExportTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<TextEncoderSpec, QueryPrior> IdModels() => new()
    {
        { BagOfFeaturesSpec.Bow, QueryPrior.None },
        { BagOfFeaturesSpec.TrigramSkip, QueryPrior.None },
        { SequenceEncoderSpec.Sse, QueryPrior.None },
        { BagOfFeaturesSpec.Bow, QueryPrior.Search },
        { SequenceEncoderSpec.Sse, QueryPrior.Search },
        { SequenceEncoderSpec.Sse, QueryPrior.Annotate },
    };

    [Theory]
    [MemberData(nameof(IdModels))]
    public void Exported_id_models_give_itms_embeddings_for_mixed_lengths_and_single_sentences(TextEncoderSpec text, QueryPrior prior)
    {
        // Given a random model and sentences of 1 to 9 ids (SSE ids avoid the pad id 0, as a featurizer's do)
        var options = Options(text, FeatureMlpSpec.ResNet18, prior);
        using var model = Create(options, Vocabulary, [16]);
        var sentences = Sentences(Vocabulary, text == SequenceEncoderSpec.Sse ? 1 : 0, Lengths);
        var expected = Embedder.EncodeTexts(model, [.. sentences.Select(TextInput.FromIds)]);

        // When the text encoder is exported and run by ONNX Runtime: all at once, with extra padding, and one by one
        var path = Path.Combine(folder, OnnxExport.TextEncoderFile);
        var info = OnnxExport.WriteTextEncoder(model, options, path);
        using var session = Session(path);
        var batched = RunIds(session, sentences);
        var padded = RunIds(session, sentences, extraPadding: 3);
        var single = sentences.SelectMany(s => RunIds(session, [s])).ToArray();

        // Then every embedding agrees with itm's
        var differences = new[] { MaxAbsDifference(expected, batched), MaxAbsDifference(expected, padded), MaxAbsDifference(expected, single) };
        output.WriteLine($"{text} prior={prior}: max |diff| batched {differences[0]:E2}, padded {differences[1]:E2}, single {differences[2]:E2}");
        Assert.All(differences, d => Assert.True(d < 1e-5f, $"Max abs difference {d}."));
        Assert.Equal(["ids", "lengths"], info.Inputs.Select(i => i.Name));
        Assert.Equal(["batch", $"{Dim}"], info.Output.Shape);
    }

    [Theory]
    [InlineData(QueryPrior.None)]
    [InlineData(QueryPrior.Search)]
    public void Exported_minilm_head_gives_itms_embeddings(QueryPrior prior)
    {
        // Given a random minilm head and unit sentence vectors
        var options = Options(SentenceVectorMlpSpec.MiniLm, FeatureMlpSpec.ResNet18, prior);
        using var model = Create(options, 384, [16]);
        var vectors = UnitVectors(5, 384);
        var expected = Embedder.EncodeTexts(model, [.. vectors.Select(TextInput.FromVector)]);

        // When the head is exported and run on the same vectors, together and one by one
        var path = Path.Combine(folder, OnnxExport.TextEncoderFile);
        var info = OnnxExport.WriteTextEncoder(model, options, path);
        using var session = Session(path);
        var batched = RunFloats(session, "sentence_vectors", [.. vectors.SelectMany(v => v)], [5, 384]);
        var single = vectors.SelectMany(v => RunFloats(session, "sentence_vectors", v, [1, 384])).ToArray();

        // Then the embeddings agree with itm's
        var (b, s) = (MaxAbsDifference(expected, batched), MaxAbsDifference(expected, single));
        output.WriteLine($"minilm prior={prior}: max |diff| batched {b:E2}, single {s:E2}");
        Assert.True(b < 1e-5f && s < 1e-5f, $"Max abs differences {b}, {s}.");
        Assert.Equal(["batch", "384"], Assert.Single(info.Inputs).Shape);
    }
}
