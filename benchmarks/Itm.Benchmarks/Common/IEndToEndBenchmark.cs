namespace Itm.Benchmarks.Common;

/// <summary>
/// A whole-stage measurement (featurisation, training, search over a large collection) that a peer script runs beside
/// its own. It prints human-readable progress to stderr and one JSON object of figures to stdout, which the scripts in
/// benchmarks/ read.
/// </summary>
public interface IEndToEndBenchmark
{
    /// <summary>The first command-line argument that selects it.</summary>
    string Name { get; }

    /// <summary>Runs with the remaining arguments; returns the process exit code.</summary>
    int Run(string[] args);
}
