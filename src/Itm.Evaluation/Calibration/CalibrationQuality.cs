namespace Itm.Evaluation.Calibration;

/// <summary>
/// What <c>--min-precision P</c> gives on a split: the results with a probability of at least P, how many they are,
/// how many of them are relevant, and the share of queries that still get at least one result.
/// </summary>
/// <param name="Precision">The fraction of those results that are relevant; NaN when there are none.</param>
public sealed record ThresholdPrecision(double MinPrecision, long Results, double Precision, double QueriesAnswered);

/// <summary>
/// A calibration judged on a split it was not fitted on (itm's held-out check: fitted on val, judged on test), next to
/// the naive baseline that predicts the base rate (<see cref="BaseRate"/>: the split's share of relevant pairs, 1 / images
/// under the same-image relevance) for every pair. Pairs are relevant as the calibration was fitted
/// (<see cref="Relevance"/>), so it is judged on what it claims to predict. Over all pairs almost every pair is
/// irrelevant and any sensible predictor's ECE is tiny, so the figures that tell calibrations apart are those of
/// <see cref="Top"/>: each query's best <see cref="TopK"/> images, the pairs a search shows.
/// </summary>
public sealed record CalibrationQuality(
    string Method,
    double BaseRate,
    Reliability All,
    Reliability AllBaseRate,
    int TopK,
    Reliability Top,
    Reliability TopBaseRate,
    IReadOnlyList<ThresholdPrecision> Thresholds,
    CalibrationRelevance Relevance = CalibrationRelevance.SameImage,
    AnyMatchQuality? AnyMatch = null,
    Answerability? LeftOut = null)
{
    /// <summary>The precisions <c>itm eval</c> checks: those the page offers, and 0.2, which weak models reach.</summary>
    public static readonly IReadOnlyList<double> DefaultThresholds = [0.2, 0.5, 0.8, 0.9];

    /// <param name="calibration">The calibration as it applies to the judged split (<see cref="FittedCalibration.ForImages"/>).</param>
    /// <param name="baseRate">What the baseline predicts for every pair.</param>
    /// <param name="pairs">The judged split's pairs, collected with the <paramref name="relevance"/> the calibration was fitted on.</param>
    public static CalibrationQuality Measure(
        ScoreCalibration calibration, double baseRate, SearchPairs pairs, int bins = Reliability.DefaultBins, IReadOnlyList<double>? thresholds = null,
        CalibrationRelevance relevance = CalibrationRelevance.SameImage)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(pairs);
        Func<double, double> constant = _ => baseRate;
        var checks = (thresholds ?? DefaultThresholds).Select(t => AtThreshold(calibration, pairs, t)).ToList();
        return new CalibrationQuality(
            calibration.Method,
            baseRate,
            Reliability.Of(pairs.All, calibration.Probability, bins),
            Reliability.Of(pairs.All, constant, bins),
            pairs.TopK,
            Reliability.Of(pairs.Top, calibration.Probability, bins),
            Reliability.Of(pairs.Top, constant, bins),
            checks,
            relevance,
            pairs.Queries is { } queries ? AnyMatchQuality.Measure(calibration, queries) : null);
    }

    private static ThresholdPrecision AtThreshold(ScoreCalibration calibration, SearchPairs pairs, double threshold)
    {
        long results = 0, relevant = 0;
        for (int i = 0; i < pairs.All.Count; i++)
        {
            if (calibration.Probability(pairs.All.Scores[i]) >= threshold)
            {
                results += pairs.All.Pairs[i];
                relevant += pairs.All.Positives[i];
            }
        }

        int answered = pairs.BestScores.Count(s => calibration.Probability(s) >= threshold);
        return new ThresholdPrecision(threshold, results, results == 0 ? double.NaN : (double)relevant / results,
            pairs.BestScores.Count == 0 ? 0 : (double)answered / pairs.BestScores.Count);
    }
}
