using Itm.Data.Ranking;
using Itm.Index.Vectors;

namespace Itm.Index.Nearest;

/// <summary>
/// Scores every live row against the queries (<see cref="ExactScan"/>: SIMD kernels over the memory-mapped rows, the
/// rows split over the cores) and keeps the best of each in a <see cref="TopK"/> heap. Always exact. A batch reads the
/// rows once for all its queries, so it is far faster per query than one query at a time.
/// </summary>
public sealed class ExactIndex : IVectorIndex
{
    private readonly VectorRows rows;
    private readonly RowFilter filter;

    /// <param name="rows">The vectors; the caller keeps ownership.</param>
    /// <param name="filter">The live rows; null for all.</param>
    public ExactIndex(VectorRows rows, RowFilter? filter = null)
    {
        this.rows = rows;
        this.filter = filter ?? RowFilter.All(rows.Rows);
    }

    public VectorIndexKind Kind => VectorIndexKind.Exact;

    public int Dimension => rows.Dimension;

    public long Count => filter.LiveCount;

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k)
    {
        CheckQuery(query.Length);
        return ExactScan.Run(rows, filter, query, k, Environment.ProcessorCount)[0].ToList();
    }

    public IReadOnlyList<IReadOnlyList<VectorHit>> SearchBatch(ReadOnlyMemory<float> queries, int k)
    {
        if (queries.Length % Dimension != 0)
        {
            throw new ArgumentException($"{queries.Length} floats are not whole queries of {Dimension}.", nameof(queries));
        }

        return ExactScan.Run(rows, filter, queries.Span, k, Environment.ProcessorCount).Select(top => top.ToList()).ToArray();
    }

    public void Dispose()
    {
        // The rows belong to whoever mapped them.
    }

    private void CheckQuery(int length)
    {
        if (length != Dimension)
        {
            throw new ArgumentException($"The query has {length} values; the index holds {Dimension}-d vectors.", "query");
        }
    }
}
