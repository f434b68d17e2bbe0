using BenchmarkDotNet.Running;
using Itm.Benchmarks.Common;

// Two kinds of benchmark live here (see ../BENCHMARKS.md):
//   dotnet run -c Release --project benchmarks/Itm.Benchmarks -- NAME [options]   an end-to-end run that a peer script compares with
//   dotnet run -c Release --project benchmarks/Itm.Benchmarks -- --filter '*'      BenchmarkDotNet micro-benchmarks of the hot paths
return args.Length > 0 && EndToEndBenchmarks.Find(args[0]) is { } benchmark
    ? benchmark.Run(args[1..])
    : RunMicroBenchmarks(args);

static int RunMicroBenchmarks(string[] args)
{
    if (args.Length > 0 && !args[0].StartsWith('-'))
    {
        Console.Error.WriteLine($"No end-to-end benchmark is called '{args[0]}'. Known: {string.Join(", ", EndToEndBenchmarks.Names)}; or BenchmarkDotNet options (--list flat, --filter PATTERN).");
        return 2;
    }

    BenchmarkSwitcher.FromAssembly(typeof(EndToEndBenchmarks).Assembly).Run(args);
    return 0;
}
