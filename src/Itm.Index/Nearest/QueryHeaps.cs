using Itm.Data.Ranking;

namespace Itm.Index.Nearest;

/// <summary>
/// One worker's k best rows for each query of a block, with the score each query's next hit must reach kept in a
/// flat array the kernels compare whole vectors of scores against. Rows only reach a heap (and the live-row check)
/// when they beat that score, which after the first few thousand rows is rare.
/// </summary>
internal sealed class QueryHeaps
{
    private readonly TopK[] heaps;

    /// <param name="queries">Queries in the block.</param>
    /// <param name="paddedQueries">Slots in <see cref="Thresholds"/>: whole tiles; the padding slots never accept.</param>
    /// <param name="k">Rows kept per query.</param>
    public QueryHeaps(int queries, int paddedQueries, int k)
    {
        heaps = new TopK[queries];
        Thresholds = new float[paddedQueries];
        for (int q = 0; q < queries; q++)
        {
            heaps[q] = new TopK(k);
            Thresholds[q] = float.NegativeInfinity;
        }

        Thresholds.AsSpan(queries).Fill(float.PositiveInfinity);
    }

    /// <summary>Per query slot, the lowest score that may still enter (+∞ for padding).</summary>
    public float[] Thresholds { get; }

    public int Count => heaps.Length;

    public TopK this[int query] => heaps[query];

    public void Offer(int query, long row, float score)
    {
        var heap = heaps[query];
        heap.Offer(row, score);
        Thresholds[query] = heap.Threshold;
    }

    /// <summary>Folds another worker's heaps for the same queries into these.</summary>
    public void Merge(QueryHeaps other)
    {
        for (int q = 0; q < heaps.Length; q++)
        {
            heaps[q].Merge(other.heaps[q]);
            Thresholds[q] = heaps[q].Threshold;
        }
    }
}
