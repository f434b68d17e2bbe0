namespace Itm.Benchmarks.Serve;

/// <summary>Percentiles (nearest rank) and mean of a set of latencies, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double Mean)
{
    public static LatencySummary Of(IReadOnlyList<double> milliseconds)
    {
        double[] sorted = [.. milliseconds.Order()];
        double At(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(At(50), At(90), At(99), sorted.Average());
    }
}
