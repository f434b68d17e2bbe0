using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Vectors;
using Itm.Search.Duplicates;

namespace Itm.Benchmarks.Duplicates;

/// <summary>
/// The time to group COUNT image vectors into duplicates (benchmarks/duplicates/run.sh), through each search structure
/// an index serves them with: the exact scan, and the HNSW graph <c>itm index</c> saves for 20,000 images or more (built
/// here in memory first; its build time is reported apart, since <c>itm index</c> pays it, not <c>itm duplicates</c>).
/// The vectors are the stored vectors of a real index replicated: each stored vector once as it is, then copies of them
/// in turn with Gaussian noise drawn so that a copy's cosine to its source is uniform in [0.6, 0.99], so that some copies
/// are duplicates (above the threshold) and most are not; or, with <c>random</c>, uniform random unit vectors (no
/// duplicates at all). Usage: <c>duplicates-grouping INDEX_DIR|random [COUNT 100000] [THRESHOLD default] [SEED 11]</c>.
/// </summary>
public sealed class DuplicateGroupingBenchmark : IEndToEndBenchmark
{
    private const int RandomDimension = 256;

    public string Name => "duplicates-grouping";

    public int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: duplicates-grouping INDEX_DIR|random [COUNT] [THRESHOLD] [SEED]");
            return 2;
        }

        int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var options = args.Length > 2 ? new DuplicateOptions { Threshold = float.Parse(args[2], CultureInfo.InvariantCulture) } : new DuplicateOptions();
        var random = new Random(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 11);
        var (values, dimension) = args[0] == "random" ? RandomUnits(random, count) : Replicated(args[0], random, count);

        using var rows = VectorRows.FromArray(values, dimension);
        var live = RowFilter.All(rows.Rows);
        var figures = new Dictionary<string, object>
        {
            ["vectors"] = args[0] == "random" ? "random" : "replicated",
            ["count"] = count,
            ["dimension"] = dimension,
            ["threshold"] = options.Threshold,
            ["threads"] = Environment.ProcessorCount,
        };
        using (var exact = new ExactIndex(rows, live))
        {
            Time(figures, "exact", new CollectionView(rows, live, exact), options);
        }

        var clock = Stopwatch.StartNew();
        using (var graph = HnswIndex.Build(rows, live, new VectorIndexOptions()))
        {
            figures["hnswBuildSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
            Time(figures, "hnsw", new CollectionView(rows, live, graph), options);
        }

        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static void Time(Dictionary<string, object> figures, string structure, CollectionView collection, DuplicateOptions options)
    {
        Console.Error.WriteLine($"duplicates-grouping: {structure}...");
        var clock = Stopwatch.StartNew();
        var groups = DuplicateGrouper.Group(collection, options);
        figures[$"{structure}Seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        figures[$"{structure}Groups"] = groups.Count;
        figures[$"{structure}Grouped"] = groups.Sum(g => g.Members.Count);
    }

    private static (float[] Values, int Dimension) RandomUnits(Random random, int count)
    {
        var values = new float[count * RandomDimension];
        for (int i = 0; i < count; i++)
        {
            var row = values.AsSpan(i * RandomDimension, RandomDimension);
            for (int d = 0; d < RandomDimension; d++)
            {
                row[d] = Gaussian(random);
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return (values, RandomDimension);
    }

    private static (float[] Values, int Dimension) Replicated(string indexDir, Random random, int count)
    {
        using var index = IndexReader.Open(indexDir);
        var stored = index.ImageCollection();
        long[] sources = stored.Live.LiveRows(stored.Rows.Rows).ToArray();
        int dimension = stored.Rows.Dimension;
        var values = new float[count * dimension];
        var noise = new float[dimension];
        for (int i = 0; i < count; i++)
        {
            var row = values.AsSpan(i * dimension, dimension);
            stored.Rows.CopyRows(sources[i % sources.Length], 1, row);
            if (i < sources.Length)
            {
                continue;
            }

            // Noise of norm r orthogonal-ish to a unit vector gives a cosine of about 1 / sqrt(1 + r²).
            double cosine = 0.6 + (0.39 * random.NextDouble());
            float norm = (float)Math.Sqrt((1 / (cosine * cosine)) - 1);
            for (int d = 0; d < dimension; d++)
            {
                noise[d] = Gaussian(random);
            }

            TensorPrimitives.Multiply(noise, norm / TensorPrimitives.Norm(noise), noise);
            TensorPrimitives.Add(row, noise, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return (values, dimension);
    }

    private static float Gaussian(Random random) =>
        MathF.Sqrt(-2 * MathF.Log(1 - random.NextSingle())) * MathF.Cos(2 * MathF.PI * random.NextSingle());
}
