using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Itm.Data.Ranking;
using Itm.Index.Vectors;

namespace Itm.Index.Nearest;

/// <summary>
/// The exact top-k of a block of queries over every live row, on all cores: the rows are cut into chunks that the
/// workers take in turn, each worker keeps its own heaps, and the heaps are merged at the end. A single query (or a
/// handful) is memory-bound, so each row is read once and scored against every query while it is in cache. A larger
/// block is compute-bound, so the queries are transposed into tiles and scored by a register-blocked kernel that
/// reuses every row value for a whole tile of queries (what a BLAS matrix product does), with the top-k check fused
/// into it: the scores are compared against each query's entry threshold a vector at a time and only the rare row
/// that beats one touches a heap or the live-row filter.
/// </summary>
internal static unsafe class ExactScan
{
    /// <summary>From this many queries the tiled kernel wins over scoring each query on its own.</summary>
    public const int TiledFrom = 8;

    // A multiple of both kernels' row groups (6 and 4). 12 MB of 256-d rows: a million rows make ~80 chunks, enough
    // for two workers to finish together, and few enough that starting them costs nothing measurable.
    private const int ChunkRows = 12_288;

    // One query at a time: rows scored into a buffer of this many scores (256 KB of 256-d rows, in L2 for the next query).
    private const int BlockRows = 256;

    // Rows of a narrower file widened at a time: a multiple of both kernels' row groups and of BlockRows, 768 KB of
    // 256-d float32 rows.
    private const int WidenedRows = 768;

    // Transposed queries of one pass stay in L2 while the rows stream past: 512 queries of 256 floats is 512 KB.
    private const int QueriesPerPass = 512;

    /// <summary>The best <paramref name="k"/> live rows for each query of <paramref name="queries"/> (row-major).</summary>
    public static TopK[] Run(VectorRows rows, RowFilter filter, ReadOnlySpan<float> queries, int k, int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int dimension = rows.Dimension;
        int count = queries.Length / dimension;
        var results = new TopK[count];
        for (int first = 0; first < count; first += QueriesPerPass)
        {
            int passCount = Math.Min(QueriesPerPass, count - first);
            var pass = queries.Slice(first * dimension, passCount * dimension).ToArray();
            var heaps = passCount >= TiledFrom
                ? RunChunks(rows, maxThreads, () => new TiledWorker(rows, filter, pass, k))
                : RunChunks(rows, maxThreads, () => new QueryByQueryWorker(rows, filter, pass, k));
            for (int q = 0; q < passCount; q++)
            {
                results[first + q] = heaps[q];
            }
        }

        return results;
    }

    private static QueryHeaps RunChunks<TWorker>(VectorRows rows, int maxThreads, Func<TWorker> newWorker)
        where TWorker : Worker
    {
        long chunks = (rows.Rows + ChunkRows - 1) / ChunkRows;
        if (chunks <= 1 || maxThreads <= 1)
        {
            var alone = newWorker();
            for (long chunk = 0; chunk < chunks; chunk++)
            {
                alone.Scan(chunk * ChunkRows, Math.Min(rows.Rows, (chunk + 1) * ChunkRows));
            }

            return alone.Heaps;
        }

        QueryHeaps? merged = null;
        var gate = new object();
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = maxThreads },
            newWorker,
            (chunk, _, worker) =>
            {
                worker.Scan(chunk * ChunkRows, Math.Min(rows.Rows, (chunk + 1) * ChunkRows));
                return worker;
            },
            worker =>
            {
                lock (gate)
                {
                    if (merged is null)
                    {
                        merged = worker.Heaps;
                    }
                    else
                    {
                        merged.Merge(worker.Heaps);
                    }
                }
            });
        return merged!;
    }

    /// <summary>One worker's share of a pass: its heaps, and the scan of one chunk of rows into them.</summary>
    private abstract class Worker(VectorRows rows, RowFilter filter, float[] queries, QueryHeaps heaps)
    {
        private float[]? widened;

        public QueryHeaps Heaps { get; } = heaps;

        protected VectorRows Rows { get; } = rows;

        protected RowFilter Filter { get; } = filter;

        protected float[] Queries { get; } = queries;

        protected int Dimension => Rows.Dimension;

        /// <summary>Scores rows [<paramref name="start"/>, <paramref name="end"/>) against every query of the pass.</summary>
        public void Scan(long start, long end)
        {
            if (Rows.Precision == VectorPrecision.Float32)
            {
                // Both kinds of float32 storage (one array, one mapping) are contiguous, so the chunk is one run of floats.
                fixed (float* first = Rows.Float32Rows(start, (int)(end - start)))
                {
                    Scan(first, start, end);
                }

                return;
            }

            // Narrower rows are widened a slice at a time into a buffer that stays in L2 while the kernels read it.
            widened ??= new float[WidenedRows * Dimension];
            fixed (float* buffer = widened)
            {
                for (long sliceStart = start; sliceStart < end; sliceStart += WidenedRows)
                {
                    int count = (int)Math.Min(WidenedRows, end - sliceStart);
                    Rows.CopyRows(sliceStart, count, widened);
                    Scan(buffer, sliceStart, sliceStart + count);
                }
            }
        }

        protected abstract void Scan(float* chunk, long start, long end);

        /// <summary>Offers the scores of rows that beat their query's threshold; the row filter is only asked about those.</summary>
        protected void OfferAbove(int query, long row, float score)
        {
            if (score >= Heaps.Thresholds[query] && Filter.IsLive(row))
            {
                Heaps.Offer(query, row, score);
            }
        }
    }

    /// <summary>A few queries: each scores a block of rows on its own while the block is in cache.</summary>
    private sealed class QueryByQueryWorker(VectorRows rows, RowFilter filter, float[] queries, int k)
        : Worker(rows, filter, queries, new QueryHeaps(queries.Length / rows.Dimension, queries.Length / rows.Dimension, k))
    {
        private readonly float[] scores = new float[BlockRows];

        protected override void Scan(float* chunk, long start, long end)
        {
            fixed (float* query = Queries)
            fixed (float* block = scores)
            {
                for (long blockStart = start; blockStart < end; blockStart += BlockRows)
                {
                    int count = (int)Math.Min(BlockRows, end - blockStart);
                    float* blockRows = chunk + ((blockStart - start) * Dimension);
                    for (int q = 0; q < Heaps.Count; q++)
                    {
                        InnerProductKernels.DotRows(query + (q * Dimension), blockRows, Dimension, count, block);
                        OfferBlock(q, blockStart, block, count);
                    }
                }
            }
        }

        private void OfferBlock(int query, long firstRow, float* block, int count)
        {
            int i = 0;
            var threshold = Vector256.Create(Heaps.Thresholds[query]);
            for (; i + Vector256<float>.Count <= count; i += Vector256<float>.Count)
            {
                if (Vector256.GreaterThanOrEqualAny(Vector256.Load(block + i), threshold))
                {
                    for (int j = i; j < i + Vector256<float>.Count; j++)
                    {
                        OfferAbove(query, firstRow + j, block[j]);
                    }

                    threshold = Vector256.Create(Heaps.Thresholds[query]);
                }
            }

            for (; i < count; i++)
            {
                OfferAbove(query, firstRow + i, block[i]);
            }
        }
    }

    /// <summary>Many queries: transposed into tiles and scored a group of rows at a time by the register-blocked kernel.</summary>
    private sealed class TiledWorker : Worker
    {
        private readonly int tiles;
        private readonly float[] transposed;
        private readonly float[] scores = new float[InnerProductKernels.GroupRows * InnerProductKernels.TileWidth];

        public TiledWorker(VectorRows rows, RowFilter filter, float[] queries, int k)
            : base(rows, filter, queries, NewHeaps(queries.Length / rows.Dimension, k))
        {
            int width = InnerProductKernels.TileWidth;
            tiles = Heaps.Thresholds.Length / width;
            transposed = new float[Heaps.Thresholds.Length * Dimension];
            for (int q = 0; q < Heaps.Count; q++)
            {
                int tileStart = q / width * width * Dimension;
                for (int d = 0; d < Dimension; d++)
                {
                    transposed[tileStart + (d * width) + (q % width)] = queries[(q * Dimension) + d];
                }
            }
        }

        protected override void Scan(float* chunk, long start, long end)
        {
            int width = InnerProductKernels.TileWidth;
            int group = InnerProductKernels.GroupRows;
            long row = start;
            fixed (float* tileData = transposed)
            fixed (float* thresholds = Heaps.Thresholds)
            fixed (float* groupScores = scores)
            {
                for (; row + group <= end; row += group)
                {
                    float* groupRows = chunk + ((row - start) * Dimension);
                    for (int tile = 0; tile < tiles; tile++)
                    {
                        InnerProductKernels.ScoreGroup(groupRows, Dimension, tileData + (tile * width * Dimension), groupScores);
                        if (AnyAbove(groupScores, thresholds + (tile * width)))
                        {
                            OfferGroup(groupScores, tile * width, row);
                        }
                    }
                }
            }

            // The last few rows of the file, fewer than a group.
            for (; row < end; row++)
            {
                var values = new ReadOnlySpan<float>(chunk + ((row - start) * Dimension), Dimension);
                for (int q = 0; q < Heaps.Count; q++)
                {
                    OfferAbove(q, row, TensorPrimitives.Dot(values, Queries.AsSpan(q * Dimension, Dimension)));
                }
            }
        }

        private static QueryHeaps NewHeaps(int queries, int k)
        {
            int width = InnerProductKernels.TileWidth;
            return new QueryHeaps(queries, (queries + width - 1) / width * width, k);
        }

        private static bool AnyAbove(float* groupScores, float* thresholds)
        {
            int width = InnerProductKernels.TileWidth;
            var above = Vector256<float>.Zero;
            for (int i = 0; i < InnerProductKernels.GroupRows; i++)
            {
                for (int j = 0; j < width; j += Vector256<float>.Count)
                {
                    above |= Vector256.GreaterThanOrEqual(Vector256.Load(groupScores + (i * width) + j), Vector256.Load(thresholds + j));
                }
            }

            return above != Vector256<float>.Zero;
        }

        private void OfferGroup(float* groupScores, int firstQuery, long firstRow)
        {
            int width = InnerProductKernels.TileWidth;
            int queries = Math.Min(width, Heaps.Count - firstQuery);
            for (int i = 0; i < InnerProductKernels.GroupRows; i++)
            {
                for (int j = 0; j < queries; j++)
                {
                    OfferAbove(firstQuery + j, firstRow + i, groupScores[(i * width) + j]);
                }
            }
        }
    }
}
