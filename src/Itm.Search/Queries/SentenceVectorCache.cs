using Itm.Index.Indexing;

namespace Itm.Search.Queries;

/// <summary>
/// Remembers the vectors of the most recently embedded sentences (least recently used out first), so a query typed
/// again — the same search paged, re-weighted, or simply popular — costs a lookup instead of a run of the text
/// encoder (MiniLM: milliseconds per sentence, most of a search's time). Sentences are keyed exactly as given: the
/// text channel's own normalisation decides what else is equal.
/// </summary>
internal sealed class SentenceVectorCache : ITextEmbedder
{
    private readonly ITextEmbedder encoder;
    private readonly int capacity;
    private readonly bool missesTogether;
    private readonly Dictionary<string, LinkedListNode<(string Sentence, float[] Vector)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Sentence, float[] Vector)> recency = new();
    private readonly Lock gate = new();

    /// <param name="missesTogether">
    /// Ask the encoder for all of a call's missing sentences at once: right over a <see cref="TextEncodeBatcher"/>, which
    /// batches them with other queries' anyway, so a query of three new phrases waits one batch window, not three.
    /// </param>
    public SentenceVectorCache(ITextEmbedder encoder, int capacity, bool missesTogether = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.encoder = encoder;
        this.capacity = capacity;
        this.missesTogether = missesTogether;
    }

    /// <summary>How many sentences were answered from the cache (tests, stats).</summary>
    public long Hits { get; private set; }

    public float[] Embed(IReadOnlyList<string> sentences)
    {
        float[][] vectors = new float[sentences.Count][];
        var missing = new List<int>();
        lock (gate)
        {
            for (int i = 0; i < sentences.Count; i++)
            {
                if (entries.TryGetValue(sentences[i], out var node))
                {
                    recency.Remove(node);
                    recency.AddFirst(node);
                    vectors[i] = node.Value.Vector;
                    Hits++;
                }
                else
                {
                    missing.Add(i);
                }
            }
        }

        // Each missing sentence is encoded on its own, outside the lock (a hit never waits behind another caller's
        // encoding): a batch's matrix kernels round differently from a single row's, so encoding sentences together
        // would make a query's answer depend on which of its phrases happened to be cached. Over a batcher that rounding
        // already depends on which queries met in a batch, so there the misses go together.
        var encoded = missesTogether && missing.Count > 1
            ? Split(encoder.Embed(missing.Select(i => sentences[i]).ToList()), missing.Count)
            : missing.Select(i => encoder.Embed([sentences[i]])).ToList();
        lock (gate)
        {
            for (int m = 0; m < missing.Count; m++)
            {
                vectors[missing[m]] = encoded[m];
                Remember(sentences[missing[m]], encoded[m]);
            }
        }

        int width = vectors.Length == 0 ? 0 : vectors[0].Length;
        float[] rows = new float[sentences.Count * width];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i].CopyTo(rows, i * width);
        }

        return rows;
    }

    private static List<float[]> Split(float[] rows, int count)
    {
        int width = rows.Length / count;
        return Enumerable.Range(0, count).Select(i => rows.AsSpan(i * width, width).ToArray()).ToList();
    }

    private void Remember(string sentence, float[] vector)
    {
        if (entries.ContainsKey(sentence))
        {
            return;
        }

        if (entries.Count == capacity)
        {
            var oldest = recency.Last!;
            recency.RemoveLast();
            entries.Remove(oldest.Value.Sentence);
        }

        entries[sentence] = recency.AddFirst((sentence, vector));
    }
}
