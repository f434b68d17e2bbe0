using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Itm.Benchmarks -- --filter '*'   (BenchmarkDotNet's own switcher: --list flat, --filter, --job short)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type, named so the switcher can find this assembly's benchmarks.</summary>
public partial class Program;
