using Itm.Data;

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
}
