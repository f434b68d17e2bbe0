using Itm.Index.Indexing;
using Itm.Search.Queries;

namespace Itm.Search.Tests.Queries;

/// <summary>The sentence-vector cache answers exactly what the encoder would, encodes each sentence once while it is remembered, and forgets the least recently used first.</summary>
public sealed class SentenceVectorCacheTests
{
    [Fact]
    public void A_repeated_sentence_is_encoded_once_and_gets_the_same_vector()
    {
        var encoder = new CountingEncoder();
        var cache = new SentenceVectorCache(encoder, capacity: 8);

        float[] first = cache.Embed(["a red square"]);
        float[] second = cache.Embed(["a red square"]);

        Assert.Equal(first, second);
        Assert.Equal(new CountingEncoder().Embed(["a red square"]), first);
        Assert.Equal(1, encoder.CallsFor("a red square"));
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void A_batch_of_hits_and_misses_keeps_the_callers_order_and_encodes_only_the_misses_each_on_its_own()
    {
        var encoder = new CountingEncoder();
        var cache = new SentenceVectorCache(encoder, capacity: 8);
        cache.Embed(["b", "d"]);

        float[] rows = cache.Embed(["a", "b", "c", "d", "a"]);

        Assert.Equal(new CountingEncoder().Embed(["a", "b", "c", "d", "a"]), rows);
        Assert.Equal(1, encoder.CallsFor("b"));
        Assert.Equal(1, encoder.CallsFor("c"));
        Assert.Equal(2, encoder.CallsFor("a")); // missing twice in the one call: encoded for each
        Assert.All(encoder.BatchSizes, size => Assert.Equal(1, size));
    }

    [Fact]
    public void The_least_recently_used_sentence_is_forgotten_first()
    {
        var encoder = new CountingEncoder();
        var cache = new SentenceVectorCache(encoder, capacity: 2);
        cache.Embed(["one"]);
        cache.Embed(["two"]);
        cache.Embed(["one"]); // "two" is now the least recently used

        cache.Embed(["three"]);
        cache.Embed(["one"]);
        cache.Embed(["two"]);

        Assert.Equal(1, encoder.CallsFor("one"));
        Assert.Equal(2, encoder.CallsFor("two"));
        Assert.Equal(1, encoder.CallsFor("three"));
    }

    /// <summary>A 3-d vector made from the sentence's characters, and a count of how often each sentence was encoded.</summary>
    private sealed class CountingEncoder : ITextEmbedder
    {
        private readonly Dictionary<string, int> calls = [];

        public List<int> BatchSizes { get; } = [];

        public int CallsFor(string sentence) => calls.GetValueOrDefault(sentence);

        public float[] Embed(IReadOnlyList<string> sentences)
        {
            BatchSizes.Add(sentences.Count);
            var rows = new List<float>();
            foreach (string sentence in sentences)
            {
                calls[sentence] = CallsFor(sentence) + 1;
                rows.AddRange([sentence.Length, sentence[0], sentence.Sum(c => c) % 97]);
            }

            return [.. rows];
        }
    }
}
