using Itm.Data.IO;
using Itm.Index.Search.Native;
using Itm.Index.Vectors;

namespace Itm.Index.Search;

/// <summary>
/// An HNSW graph over the live rows of a vector file (USearch, inner product on unit vectors, keys = row numbers).
/// Built with all cores, saved beside the vector file, and opened later as a memory-mapped view.
/// </summary>
public sealed unsafe class HnswIndex : IVectorIndex
{
    private nint handle;

    private HnswIndex(nint handle, int dimension, long count)
    {
        this.handle = handle;
        Dimension = dimension;
        Count = count;
    }

    public VectorIndexKind Kind => VectorIndexKind.Hnsw;

    public int Dimension { get; private set; }

    public long Count { get; private set; }

    /// <summary>Inserts every live row of <paramref name="rows"/>, in parallel.</summary>
    public static HnswIndex Build(VectorRows rows, RowFilter? filter, VectorIndexOptions options, CancellationToken cancellation = default)
    {
        options.Validate();
        filter ??= RowFilter.All(rows.Rows);
        var index = Create(rows.Dimension, options);
        try
        {
            USearchNative.Reserve(index.handle, (nuint)filter.LiveCount, out nint error);
            USearchNative.Check(error, "reserve");
            USearchNative.ChangeThreadsAdd(index.handle, (nuint)options.Threads, out error);
            USearchNative.Check(error, "set add threads");
            var live = filter.LiveRows(rows.Rows).ToArray();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellation };
            Parallel.For(0, live.Length, parallel, i =>
            {
                fixed (float* vector = rows[live[i]])
                {
                    USearchNative.Add(index.handle, (ulong)live[i], vector, USearchNative.ScalarKind.Float32, out nint addError);
                    USearchNative.Check(addError, "add");
                }
            });
            index.Count = live.Length;
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Opens a saved graph as a read-only memory-mapped view (nothing is copied into memory).</summary>
    public static HnswIndex Open(string path, VectorIndexOptions options)
    {
        var index = Create(dimension: 0, options);
        try
        {
            USearchNative.View(index.handle, path, out nint error);
            USearchNative.Check(error, $"view of {path}");
            index.Dimension = (int)USearchNative.Dimensions(index.handle, out error);
            USearchNative.Check(error, "dimensions");
            index.Count = (long)USearchNative.Size(index.handle, out error);
            USearchNative.Check(error, "size");
            USearchNative.ChangeExpansionSearch(index.handle, (nuint)options.ExpansionSearch, out error);
            USearchNative.Check(error, "set search expansion");
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
        var keys = new ulong[k];
        var distances = new float[k];
        nuint found;
        fixed (float* q = query)
        fixed (ulong* keysPointer = keys)
        fixed (float* distancesPointer = distances)
        {
            found = USearchNative.Search(handle, q, USearchNative.ScalarKind.Float32, (nuint)k, keysPointer, distancesPointer, out nint error);
            USearchNative.Check(error, "search");
        }

        // USearch's inner-product "distance" is 1 − dot.
        var hits = new VectorHit[(int)found];
        for (int i = 0; i < hits.Length; i++)
        {
            hits[i] = new VectorHit((long)keys[i], 1f - distances[i]);
        }

        return hits;
    }

    public IReadOnlyList<IReadOnlyList<VectorHit>> SearchBatch(ReadOnlyMemory<float> queries, int k)
    {
        if (queries.Length % Dimension != 0)
        {
            throw new ArgumentException($"{queries.Length} floats are not whole queries of {Dimension}.", nameof(queries));
        }

        var results = new IReadOnlyList<VectorHit>[queries.Length / Dimension];
        Parallel.For(0, results.Length, q => results[q] = Search(queries.Span.Slice(q * Dimension, Dimension), k));
        return results;
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            USearchNative.Free(handle, out _);
            handle = 0;
        }
    }

    private static HnswIndex Create(int dimension, VectorIndexOptions options)
    {
        var init = new USearchNative.InitOptions
        {
            Metric = USearchNative.MetricKind.InnerProduct,
            Quantization = USearchNative.ScalarKind.Float32,
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
        var index = new HnswIndex(handle, dimension, 0);
        USearchNative.ChangeThreadsSearch(handle, (nuint)Math.Max(options.Threads, Environment.ProcessorCount), out error);
        USearchNative.Check(error, "set search threads");
        return index;
    }
}
