namespace Itm.Benchmarks.Common;

/// <summary>The median the benchmarks report over rounds or windows (the mean of the middle two for an even count).</summary>
public static class Medians
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
