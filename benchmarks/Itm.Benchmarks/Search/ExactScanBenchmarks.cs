using BenchmarkDotNet.Attributes;
using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Benchmarks.Search;

/// <summary>
/// The exact scan over 100,000 in-memory 256-d rows (100 MB, beyond the caches, like the real collection) for one
/// query, a small batch scored query by query, and batches large enough for the tiled kernel: the per-query cost falls
/// as the batch grows while the scan stops being memory-bound.
/// </summary>
public class ExactScanBenchmarks
{
    private const int Dimension = 256;
    private const int Rows = 100_000;
    private VectorRows rows = VectorRows.FromArray(new float[Dimension], Dimension);
    private ExactIndex index = new(VectorRows.FromArray(new float[Dimension], Dimension));
    private float[] queries = [];

    [Params(1, 4, 64, 512)]
    public int Queries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var data = new float[Rows * Dimension];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() - 0.5);
        }

        rows = VectorRows.FromArray(data, Dimension);
        index = new ExactIndex(rows);
        queries = data.AsSpan(0, Queries * Dimension).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => rows.Dispose();

    [Benchmark]
    public int SearchBatch() => index.SearchBatch(queries, 10).Count;
}
