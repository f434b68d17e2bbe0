namespace Itm.Index.Search;

/// <summary>
/// Keeps the k best of a stream of hits in a min-heap (the worst kept hit on top), so a scan of n rows costs
/// O(n log k). Ties go to the lower row, which makes every result list deterministic.
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
