using System.Globalization;

namespace Itm.Evaluation.Study;

/// <summary>A figure over seeds: mean, sample standard deviation (0 for one seed), range and count.</summary>
public sealed record Spread(double Mean, double Sd, double Min, double Max, int Count)
{
    /// <exception cref="ArgumentException">No values.</exception>
    public static Spread Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] v = [.. values];
        if (v.Length == 0)
            throw new ArgumentException("A spread needs at least one value.", nameof(values));
        double mean = v.Average();
        double sd = v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return new Spread(mean, sd, v.Min(), v.Max(), v.Length);
    }

    /// <summary><c>12.3 ± 0.4</c>, or <c>12.3</c> for a single value.</summary>
    public string Format(string number = "F1") => Count < 2
        ? Mean.ToString(number, CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Mean.ToString(number, CultureInfo.InvariantCulture)} ± {Sd.ToString(number, CultureInfo.InvariantCulture)}");
}
