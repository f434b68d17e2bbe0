using Itm.Model.Features;
using Itm.Model.Tests.TextEncoders;

namespace Itm.Model.Tests.Features;

/// <summary>Pretrained sentence vectors are computed once per distinct sentence and read back from the cache after that.</summary>
public sealed class CachedSentenceExtractorTests : IDisposable
{
    private readonly CacheScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Each_distinct_sentence_is_encoded_once_and_every_input_gets_its_vector_in_order()
    {
        var fake = new FakeSentenceExtractor();
        var cached = new CachedSentenceExtractor(fake, new FeatureCache(scratch.CacheRoot));

        string[] sentences = ["cat", "dog", "cat", "bird", "dog"];

        var result = cached.Extract(sentences);

        Assert.Equal(["cat", "dog", "bird"], Assert.Single(fake.Calls));
        Assert.Equal((3, 0, 3), (result.Distinct, result.CacheHits, result.Encoded));
        Assert.Equal(sentences.Select(FakeSentenceExtractor.Expected), result.Vectors);
        Assert.Same(result.Vectors[0], result.Vectors[2]);
    }

    [Fact]
    public void A_second_pass_reads_everything_from_the_cache_without_running_the_encoder()
    {
        var fake = new FakeSentenceExtractor();
        var first = new CachedSentenceExtractor(fake, new FeatureCache(scratch.CacheRoot)).Extract(["one", "two", "three"]);
        fake.Calls.Clear();

        var second = new CachedSentenceExtractor(fake, new FeatureCache(scratch.CacheRoot)).Extract(["three", "one", "two"]);

        Assert.Empty(fake.Calls);
        Assert.Equal((3, 3, 0), (second.Distinct, second.CacheHits, second.Encoded));
        Assert.Equal(first.Vectors[0], second.Vectors[1]);
        Assert.Equal(first.Vectors[2], second.Vectors[0]);
    }

    [Fact]
    public void Another_encoder_fingerprint_never_sees_the_old_vectors()
    {
        var cache = new FeatureCache(scratch.CacheRoot);
        _ = new CachedSentenceExtractor(new FakeSentenceExtractor(), cache).Extract(["one"]);
        var other = new FakeSentenceExtractor { Fingerprint = "fake-text-2" };

        var result = new CachedSentenceExtractor(other, cache).Extract(["one"]);

        Assert.Equal(1, result.Encoded);
        Assert.Single(other.Calls);
    }

    [Fact]
    public void Without_a_cache_nothing_is_written()
    {
        var result = new CachedSentenceExtractor(new FakeSentenceExtractor(), cache: null).Extract(["one", "one"]);

        Assert.Equal(1, result.Encoded);
        Assert.False(Directory.Exists(scratch.CacheRoot));
    }

    [Fact]
    public void MiniLm_vectors_read_back_from_the_cache_are_identical_to_fresh_ones()
    {
        string[] sentences = ["a red circle left of a blue square", "a blue circle left of a red square", "a green star"];
        var cache = new FeatureCache(scratch.CacheRoot);
        var fresh = new CachedSentenceExtractor(SharedMiniLm.Instance, cache).Extract(sentences);

        var again = new CachedSentenceExtractor(SharedMiniLm.Instance, cache).Extract(sentences);

        Assert.Equal(3, fresh.Encoded);
        Assert.Equal(3, again.CacheHits);
        for (int i = 0; i < sentences.Length; i++)
        {
            Assert.Equal(fresh.Vectors[i], again.Vectors[i]);   // bit for bit
        }
    }
}
