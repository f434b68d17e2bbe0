namespace Itm.Evaluation.Calibration;

/// <summary>One bin of a reliability curve: the pairs whose predicted probability falls in [Lower, Upper).</summary>
/// <param name="MeanPredicted">The mean predicted probability of the bin's pairs.</param>
/// <param name="Observed">The fraction of the bin's pairs that are relevant.</param>
public sealed record ReliabilityBin(double Lower, double Upper, long Pairs, double MeanPredicted, double Observed);

/// <summary>
/// How well predicted probabilities match observed frequencies: the reliability curve (equal-width bins of predicted
/// probability, the last one closed at 1; empty bins left out), the expected calibration error
/// ECE = Σ (pairs in bin / pairs) · |mean predicted − observed frequency|, and the Brier score (mean squared error).
/// </summary>
public sealed record Reliability(long Pairs, long Positives, double Ece, double Brier, IReadOnlyList<ReliabilityBin> Bins)
{
    /// <summary>The bin count of the reliability curves itm reports (as in Guo et al. 2017, "On calibration of modern neural networks").</summary>
    public const int DefaultBins = 15;

    /// <summary>The reliability of <paramref name="probability"/> on the pairs of <paramref name="counts"/>.</summary>
    public static Reliability Of(ScoreCounts counts, Func<double, double> probability, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(probability);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var pairs = new long[bins];
        var positives = new long[bins];
        var predicted = new double[bins];
        double squaredError = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            double p = probability(counts.Scores[i]);
            if (!(p >= 0 && p <= 1))
                throw new ArgumentException($"The probability of score {counts.Scores[i]} is {p}, outside [0, 1].", nameof(probability));
            long n = counts.Pairs[i], relevant = counts.Positives[i];
            int bin = Math.Min((int)(p * bins), bins - 1);
            pairs[bin] += n;
            positives[bin] += relevant;
            predicted[bin] += n * p;
            squaredError += (relevant * (1 - p) * (1 - p)) + ((n - relevant) * p * p);
        }

        long total = counts.TotalPairs;
        if (total == 0)
            return new Reliability(0, 0, 0, 0, []);
        var curve = new List<ReliabilityBin>();
        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            if (pairs[b] == 0)
                continue;
            double meanPredicted = predicted[b] / pairs[b], observed = (double)positives[b] / pairs[b];
            curve.Add(new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, pairs[b], meanPredicted, observed));
            ece += (double)pairs[b] / total * Math.Abs(meanPredicted - observed);
        }

        return new Reliability(total, counts.TotalPositives, ece, squaredError / total, curve);
    }
}
