using System.Globalization;

namespace Itm.Benchmarks.Garnet;

/// <summary>
/// What the Garnet benchmark runs: the first <see cref="Rows"/> vectors of <c>base.npy</c> in <see cref="DataDir"/>
/// (benchmarks/search/make_vectors.py writes it) indexed into Garnet nodes run in this process.
/// </summary>
public sealed record GarnetBenchmarkOptions
{
    public string DataDir { get; init; } = "benchmarks/work/search";

    public string WorkDir { get; init; } = "benchmarks/work/garnet";

    public int Rows { get; init; } = 200_000;

    public int Nodes { get; init; } = 1;

    /// <summary>0: one per node.</summary>
    public int Shards { get; init; }

    public int Queries { get; init; } = 500;

    public int K { get; init; } = 10;

    /// <summary>DiskANN out-degree (VADD M).</summary>
    public int Links { get; init; } = 16;

    /// <summary>DiskANN build list size (VADD EF).</summary>
    public int BuildExpansion { get; init; } = 200;

    /// <summary>VSIM search list sizes swept.</summary>
    public IReadOnlyList<int> Expansions { get; init; } = [50, 100, 200];

    public const string Usage = "garnet [--data DIR] [--work DIR] [--rows N] [--nodes N] [--shards N] [--queries N] [--k 10] [--ef 50,100,200] [--links 16] [--build-ef 200]";

    /// <exception cref="FormatException">An unknown option or a value that does not parse.</exception>
    public static GarnetBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GarnetBenchmarkOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value. Usage: {Usage}");
            options = name switch
            {
                "--data" => options with { DataDir = value },
                "--work" => options with { WorkDir = value },
                "--rows" => options with { Rows = Count(name, value, 1) },
                "--nodes" => options with { Nodes = Count(name, value, 1) },
                "--shards" => options with { Shards = Count(name, value, 0) },
                "--queries" => options with { Queries = Count(name, value, 1) },
                "--k" => options with { K = Count(name, value, 1) },
                "--links" => options with { Links = Count(name, value, 4) },
                "--build-ef" => options with { BuildExpansion = Count(name, value, 1) },
                "--ef" => options with { Expansions = [.. value.Split(',').Select(part => Count(name, part, 1))] },
                _ => throw new FormatException($"Unknown option {name}. Usage: {Usage}"),
            };
        }

        return options;
    }

    private static int Count(string name, string value, int least) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= least
            ? n
            : throw new FormatException($"{name} needs whole numbers of at least {least}, got '{value}'.");
}
