using Itm.Data.IO;
using Itm.Data.Ranking;
using Itm.Index.Nearest.Native;
using Itm.Index.Vectors;

namespace Itm.Index.Nearest;

/// <summary>
/// An HNSW graph over the live rows of a vector file (USearch, inner product on unit vectors, keys = row numbers).
/// Built with all cores, saved beside the vector file, and opened later as a memory-mapped view. A graph whose own
/// copy of the vectors is narrower than float32 (<see cref="HnswPrecision"/>) re-scores its candidates from the
/// vector file's rows when it has them, so its scores are the cosines an exact search gives.
/// </summary>
public sealed unsafe class HnswIndex : IVectorIndex
{
    private readonly VectorRows? exactRows;
    private readonly int rerankFactor;
    private readonly int searchThreads;
    private nint handle;

    private HnswIndex(nint handle, int dimension, long count, HnswPrecision precision, VectorRows? exactRows, VectorIndexOptions options)
    {
        this.handle = handle;
        Dimension = dimension;
        Count = count;
        Precision = precision;
        this.exactRows = exactRows;
        rerankFactor = options.RerankFactorFor(precision);
        searchThreads = SearchThreads(options);
    }

    public VectorIndexKind Kind => VectorIndexKind.Hnsw;

    public int Dimension { get; private set; }

    public long Count { get; private set; }

    /// <summary>The precision of the graph's copy of the vectors (for a saved graph: what it was built with).</summary>
    public HnswPrecision Precision { get; private set; }

    /// <summary>True when candidates are re-scored from the vector file's rows (a narrower graph that was given them).</summary>
    public bool Reranks => Precision != HnswPrecision.Float32 && exactRows is not null;

    /// <summary>
    /// Inserts every live row of <paramref name="rows"/>, in parallel. The index keeps <paramref name="rows"/> (still
    /// owned by the caller) to re-score candidates when <see cref="VectorIndexOptions.Precision"/> is narrower than float32.
    /// </summary>
    public static HnswIndex Build(VectorRows rows, RowFilter? filter, VectorIndexOptions options, CancellationToken cancellation = default)
    {
        options.Validate();
        filter ??= RowFilter.All(rows.Rows);
        var index = Create(rows.Dimension, options, options.Precision, rows);
        try
        {
            USearchNative.Reserve(index.handle, (nuint)filter.LiveCount, out nint error);
            USearchNative.Check(error, "reserve");
            USearchNative.ChangeThreadsAdd(index.handle, (nuint)options.Threads, out error);
            USearchNative.Check(error, "set add threads");
            var live = filter.LiveRows(rows.Rows).ToArray();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellation };
            Parallel.For(0, live.Length, parallel, () => new float[rows.Dimension], (i, _, buffer) =>
            {
                index.Add(live[i], rows.Row(live[i], buffer));
                return buffer;
            }, _ => { });
            index.Count = live.Length;
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a saved graph as a read-only memory-mapped view (nothing is copied into memory). Its precision comes from
    /// the file. <paramref name="rows"/> (the vector file's rows it was built from, still owned by the caller) lets a narrower
    /// graph re-score its candidates exactly; without them it answers with its approximate scores.
    /// </summary>
    public static HnswIndex Open(string path, VectorIndexOptions options, VectorRows? rows = null)
    {
        var saved = new USearchNative.InitOptions();
        USearchNative.Metadata(path, ref saved, out nint error);
        USearchNative.Check(error, $"header of {path}");
        var precision = saved.Quantization switch
        {
            USearchNative.ScalarKind.Float32 => HnswPrecision.Float32,
            USearchNative.ScalarKind.Float16 => HnswPrecision.Float16,
            USearchNative.ScalarKind.Int8 => HnswPrecision.Int8,
            USearchNative.ScalarKind.B1 => HnswPrecision.Binary,
            var other => throw new InvalidDataException($"{path} stores its vectors as USearch scalar kind {other}, which itm does not build."),
        };
        if (rows is not null && rows.Dimension != (int)saved.Dimensions)
        {
            throw new ArgumentException($"{path} holds {saved.Dimensions}-d vectors; the rows given are {rows.Dimension}-d.", nameof(rows));
        }

        var index = Create(dimension: 0, options, precision, rows);
        try
        {
            USearchNative.View(index.handle, path, out error);
            USearchNative.Check(error, $"view of {path}");
            index.Dimension = (int)USearchNative.Dimensions(index.handle, out error);
            USearchNative.Check(error, "dimensions");
            index.Count = (long)USearchNative.Size(index.handle, out error);
            USearchNative.Check(error, "size");
            USearchNative.ChangeExpansionSearch(index.handle, (nuint)options.ExpansionSearch, out error);
            USearchNative.Check(error, "set search expansion");

            // A view starts with the one search context of a fresh index; concurrent searches each need their own.
            SetSearchThreads(index.handle, options);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Saves the graph; the file appears whole or not at all.</summary>
    public void Save(string path) => AtomicFile.WriteVia(path, temporary =>
    {
        USearchNative.Save(handle, temporary, out nint error);
        USearchNative.Check(error, $"save to {path}");
    });

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"The query has {query.Length} values; the index holds {Dimension}-d vectors.", nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int wanted = Reranks ? k * rerankFactor : k;
        var keys = new ulong[wanted];
        var distances = new float[wanted];
        nuint found;
        Span<byte> bits = Precision == HnswPrecision.Binary ? stackalloc byte[SignBits.BytesFor(Dimension)] : default;
        if (Precision == HnswPrecision.Binary)
        {
            SignBits.Pack(query, bits);
        }

        fixed (float* q = query)
        fixed (byte* b = bits)
        fixed (ulong* keysPointer = keys)
        fixed (float* distancesPointer = distances)
        {
            // Sign bits are packed here rather than cast by USearch, so the walk's query and the stored rows share one packer.
            found = Precision == HnswPrecision.Binary
                ? USearchNative.Search(handle, b, USearchNative.ScalarKind.B1, (nuint)wanted, keysPointer, distancesPointer, out nint error)
                : USearchNative.Search(handle, q, USearchNative.ScalarKind.Float32, (nuint)wanted, keysPointer, distancesPointer, out error);
            USearchNative.Check(error, "search");
        }

        var hits = new VectorHit[(int)found];
        for (int i = 0; i < hits.Length; i++)
        {
            long row = (long)keys[i];

            hits[i] = new VectorHit(row, Reranks ? exactRows!.Dot(row, query) : ScoreOf(distances[i]));
        }

        if (!Reranks)
        {
            return hits;
        }

        var best = new TopK(k);
        foreach (var hit in hits)
        {
            best.Offer(hit.Row, hit.Score);
        }

        return best.ToList();
    }

    public IReadOnlyList<IReadOnlyList<VectorHit>> SearchBatch(ReadOnlyMemory<float> queries, int k)
    {
        if (queries.Length % Dimension != 0)
        {
            throw new ArgumentException($"{queries.Length} floats are not whole queries of {Dimension}.", nameof(queries));
        }

        var results = new IReadOnlyList<VectorHit>[queries.Length / Dimension];
        // No more searches at once than the index has search contexts for.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = searchThreads };
        Parallel.For(0, results.Length, parallel, q => results[q] = Search(queries.Span.Slice(q * Dimension, Dimension), k));
        return results;
    }

    private void Add(long row, ReadOnlySpan<float> vector)
    {
        nint error;
        if (Precision == HnswPrecision.Binary)
        {
            Span<byte> bits = stackalloc byte[SignBits.BytesFor(vector.Length)];
            SignBits.Pack(vector, bits);
            fixed (byte* b = bits)
            {
                USearchNative.Add(handle, (ulong)row, b, USearchNative.ScalarKind.B1, out error);
            }
        }
        else
        {
            fixed (float* v = vector)
            {
                USearchNative.Add(handle, (ulong)row, v, USearchNative.ScalarKind.Float32, out error);
            }
        }

        USearchNative.Check(error, "add");
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            USearchNative.Free(handle, out _);
            handle = 0;
        }
    }

    // USearch's inner-product "distance" is 1 − dot, taken on the stored scalars: int8 values are the floats × 127.
    // For sign bits it is the count of differing bits; the share of them estimates the angle over π (as for signs of
    // random projections), so the cosine of that angle stands in for the score.
    private float ScoreOf(float distance) => Precision switch
    {
        HnswPrecision.Int8 => (1f - distance) / (127f * 127f),
        HnswPrecision.Binary => MathF.Cos(MathF.PI * distance / Dimension),
        _ => 1f - distance,
    };

    private static USearchNative.ScalarKind ScalarKindOf(HnswPrecision precision) => precision switch
    {
        HnswPrecision.Float32 => USearchNative.ScalarKind.Float32,
        HnswPrecision.Float16 => USearchNative.ScalarKind.Float16,
        HnswPrecision.Int8 => USearchNative.ScalarKind.Int8,
        HnswPrecision.Binary => USearchNative.ScalarKind.B1,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a graph precision."),
    };

    private static HnswIndex Create(int dimension, VectorIndexOptions options, HnswPrecision precision, VectorRows? exactRows)
    {
        var init = new USearchNative.InitOptions
        {
            Metric = precision == HnswPrecision.Binary ? USearchNative.MetricKind.Hamming : USearchNative.MetricKind.InnerProduct,
            Quantization = ScalarKindOf(precision),
            Dimensions = (nuint)dimension,
            Connectivity = (nuint)options.Connectivity,
            ExpansionAdd = (nuint)options.ExpansionAdd,
            ExpansionSearch = (nuint)options.ExpansionSearch,
        };
        nint handle;
        nint error;
        try
        {
            handle = USearchNative.Init(ref init, out error);
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException(
                "USearch's native library (libusearch_c.so, from the Cloud.Unum.USearch package) could not be loaded. " +
                "It needs the GNU OpenMP runtime: on Debian, `apt-get install libgomp1`. Or search exactly (VectorIndexKind.Exact).", e);
        }

        USearchNative.Check(error, "init");
        var index = new HnswIndex(handle, dimension, 0, precision, exactRows, options);
        SetSearchThreads(handle, options);
        return index;
    }

    private static int SearchThreads(VectorIndexOptions options) => Math.Max(options.Threads, Environment.ProcessorCount);

    private static void SetSearchThreads(nint handle, VectorIndexOptions options)
    {
        USearchNative.ChangeThreadsSearch(handle, (nuint)SearchThreads(options), out nint error);
        USearchNative.Check(error, "set search threads");
    }
}
