using System.Globalization;
using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Benchmarks.Search;

/// <summary>
/// What the search benchmark runs. The collection and queries are <c>base.npy</c> and <c>queries.npy</c> in
/// <see cref="DataDir"/> (benchmarks/search/make_vectors.py writes them); itm's files go to <see cref="WorkDir"/>.
/// </summary>
public sealed record SearchBenchmarkOptions
{
    public SearchPhase Phase { get; init; } = SearchPhase.Exact;

    public string DataDir { get; init; } = "benchmarks/work/search";

    public string WorkDir { get; init; } = "benchmarks/work/search/itm";

    public int K { get; init; } = 10;

    /// <summary>Queries timed one at a time by the exact index (each reads the whole collection).</summary>
    public int SingleQueries { get; init; } = 50;

    /// <summary>Queries per call in the batched timings.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [100, 1000];

    /// <summary>The HNSW search expansions ("ef") swept.</summary>
    public IReadOnlyList<int> Expansions { get; init; } = [16, 24, 32, 48, 64, 96, 128];

    public HnswPrecision Precision { get; init; } = HnswPrecision.Float32;

    /// <summary>
    /// How the vector file that the exact phase scans and a graph re-scores from stores its values: a float16 file is
    /// written from the prepared float32 one on first use (the truth stays the float32 exact search's).
    /// </summary>
    public VectorPrecision Vectors { get; init; } = VectorPrecision.Float32;

    /// <summary>The re-scoring multiples swept for a narrow graph (each with every ef); empty: the precision's default.</summary>
    public IReadOnlyList<int> RerankFactors { get; init; } = [];

    public int Connectivity { get; init; } = 16;

    public int ExpansionAdd { get; init; } = 128;

    public int Threads { get; init; } = 2;

    /// <summary>Builds the graph even when a saved one with the same settings exists.</summary>
    public bool Rebuild { get; init; }

    public const string Usage =
        "search --phase prepare|exact|hnsw [--data DIR] [--work DIR] [--k 10] [--single N] [--batch 100,1000] " +
        "[--ef 16,32,64] [--precision float32|float16|int8|binary] [--vectors float32|float16] [--rerank 4,16] [--connectivity 16] [--ef-construction 128] [--threads 2] [--rebuild true]";

    /// <exception cref="FormatException">An unknown option or a value that does not parse.</exception>
    public static SearchBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SearchBenchmarkOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value. Usage: {Usage}");
            options = name switch
            {
                "--phase" => options with { Phase = ParseEnum<SearchPhase>(name, value) },
                "--data" => options with { DataDir = value },
                "--work" => options with { WorkDir = value },
                "--k" => options with { K = Count(name, value, 1) },
                "--single" => options with { SingleQueries = Count(name, value, 0) },
                "--batch" => options with { BatchSizes = Counts(name, value) },
                "--ef" => options with { Expansions = Counts(name, value) },
                "--precision" => options with { Precision = ParseEnum<HnswPrecision>(name, value) },
                "--vectors" => options with { Vectors = ParseEnum<VectorPrecision>(name, value) },
                "--rerank" => options with { RerankFactors = Counts(name, value) },
                "--connectivity" => options with { Connectivity = Count(name, value, 2) },
                "--ef-construction" => options with { ExpansionAdd = Count(name, value, 1) },
                "--threads" => options with { Threads = Count(name, value, 1) },
                "--rebuild" => options with { Rebuild = bool.Parse(value) },
                _ => throw new FormatException($"Unknown option {name}. Usage: {Usage}"),
            };
        }

        return options;
    }

    private static T ParseEnum<T>(string name, string value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new FormatException($"{name} is one of {string.Join('|', Enum.GetNames<T>()).ToLowerInvariant()}, got '{value}'.");

    private static int[] Counts(string name, string value) => value.Split(',').Select(part => Count(name, part, 1)).ToArray();

    private static int Count(string name, string value, int least) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= least
            ? n
            : throw new FormatException($"{name} needs whole numbers of at least {least}, got '{value}'.");
}
