using System.Numerics.Tensors;

namespace Itm.Data.Ranking;

/// <summary>
/// Keeps the k best of a stream of hits in a min-heap (the worst kept hit on top), so a scan of n rows costs
/// O(n log k). Ties go to the lower row, which makes every result list deterministic. The one top-k of itm: the index's
/// scans and graphs feed it, and <see cref="Search"/> ranks the rows of an embedding matrix for evaluation.
/// </summary>
public sealed class TopK
{
    private readonly PriorityQueue<VectorHit, VectorHit> heap;
    private readonly int k;

    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        this.k = k;
        heap = new PriorityQueue<VectorHit, VectorHit>(k + 1, WorstFirst.Instance);
    }

    /// <summary>
    /// Exact top-k by dot product of <paramref name="query"/> with each row of the row-major <paramref name="items"/>
    /// (unit vectors, so the score is the cosine): at most <paramref name="k"/> rows, best first, ties to the lower row.
    /// </summary>
    public static IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, ReadOnlySpan<float> items, int dim, int k)
    {
        if (dim <= 0 || query.Length != dim || items.Length % dim != 0)
        {
            throw new ArgumentException($"Query of length {query.Length} and items of length {items.Length} don't fit dimension {dim}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int count = items.Length / dim;
        k = Math.Min(k, count);
        if (k == 0)
        {
            return [];
        }

        var top = new TopK(k);
        for (int i = 0; i < count; i++)
        {
            top.Offer(i, TensorPrimitives.Dot(query, items.Slice(i * dim, dim)));
        }

        return top.ToList();
    }

    /// <summary>The score a hit must beat to enter; −∞ until k hits are kept.</summary>
    public float Threshold => heap.Count < k ? float.NegativeInfinity : heap.Peek().Score;

    public void Offer(long row, float score)
    {
        var hit = new VectorHit(row, score);
        if (heap.Count < k)
        {
            heap.Enqueue(hit, hit);
        }
        else if (WorstFirst.Instance.Compare(hit, heap.Peek()) > 0)
        {
            heap.DequeueEnqueue(hit, hit);
        }
    }

    public void Merge(TopK other)
    {
        foreach (var (hit, _) in other.heap.UnorderedItems)
        {
            Offer(hit.Row, hit.Score);
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public IReadOnlyList<VectorHit> ToList()
    {
        var hits = heap.UnorderedItems.Select(item => item.Element).ToList();
        hits.Sort((a, b) => WorstFirst.Instance.Compare(b, a));
        return hits;
    }

    /// <summary>Orders worse hits first: lower score, then (at equal score) higher row.</summary>
    private sealed class WorstFirst : IComparer<VectorHit>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(VectorHit x, VectorHit y)
        {
            int byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Row.CompareTo(x.Row);
        }
    }
}
