using System.Numerics.Tensors;
using Itm.Index.Vectors;

namespace Itm.Index.Search;

/// <summary>
/// Scores every live row against the query (SIMD dot products over the memory-mapped rows) and keeps the best in a
/// <see cref="TopK"/> heap. Always exact; a single query splits a large file over the cores, a batch runs one query per core.
/// </summary>
public sealed class ExactIndex : IVectorIndex
{
    // Below this many rows a scan finishes in well under a millisecond, less than starting tasks costs.
    private const long RowsPerTask = 32_768;

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
        if (rows.Rows <= RowsPerTask)
        {
            return Scan(query, k, 0, rows.Rows).ToList();
        }

        var queryCopy = query.ToArray();
        long chunks = (rows.Rows + RowsPerTask - 1) / RowsPerTask;
        var best = new TopK(k);
        var gate = new object();
        Parallel.For(0, chunks, chunk =>
        {
            long start = chunk * RowsPerTask;
            var local = Scan(queryCopy, k, start, Math.Min(rows.Rows, start + RowsPerTask));
            lock (gate)
            {
                best.Merge(local);
            }
        });
        return best.ToList();
    }

    public IReadOnlyList<IReadOnlyList<VectorHit>> SearchBatch(ReadOnlyMemory<float> queries, int k)
    {
        if (queries.Length % Dimension != 0)
        {
            throw new ArgumentException($"{queries.Length} floats are not whole queries of {Dimension}.", nameof(queries));
        }

        var results = new IReadOnlyList<VectorHit>[queries.Length / Dimension];
        Parallel.For(0, results.Length, q => results[q] = Scan(queries.Span.Slice(q * Dimension, Dimension), k, 0, rows.Rows).ToList());
        return results;
    }

    public void Dispose()
    {
        // The rows belong to whoever mapped them.
    }

    private TopK Scan(ReadOnlySpan<float> query, int k, long start, long end)
    {
        var top = new TopK(k);
        for (long row = start; row < end; row++)
        {
            if (filter.IsLive(row))
            {
                float score = TensorPrimitives.Dot(rows[row], query);
                if (score >= top.Threshold)
                {
                    top.Offer(row, score);
                }
            }
        }

        return top;
    }

    private void CheckQuery(int length)
    {
        if (length != Dimension)
        {
            throw new ArgumentException($"The query has {length} values; the index holds {Dimension}-d vectors.", "query");
        }
    }
}
