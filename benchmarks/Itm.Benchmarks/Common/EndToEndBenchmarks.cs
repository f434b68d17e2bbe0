namespace Itm.Benchmarks.Common;

/// <summary>Finds the end-to-end benchmarks in this assembly by their <see cref="IEndToEndBenchmark.Name"/>.</summary>
public static class EndToEndBenchmarks
{
    private static readonly Lazy<IReadOnlyList<IEndToEndBenchmark>> All = new(() => typeof(EndToEndBenchmarks).Assembly
        .GetTypes()
        .Where(type => typeof(IEndToEndBenchmark).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false })
        .Select(type => (IEndToEndBenchmark)Activator.CreateInstance(type)!)
        .OrderBy(benchmark => benchmark.Name, StringComparer.Ordinal)
        .ToList());

    public static IEnumerable<string> Names => All.Value.Select(benchmark => benchmark.Name);

    public static IEndToEndBenchmark? Find(string name) =>
        All.Value.FirstOrDefault(benchmark => string.Equals(benchmark.Name, name, StringComparison.Ordinal));
}
