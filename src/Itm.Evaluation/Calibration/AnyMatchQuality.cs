namespace Itm.Evaluation.Calibration;

/// <summary>
/// How well a query's P(any match among its best k) = 1 − Π (1 − p_i) tells the queries with a relevant image among
/// their best k from those without: the ranking figure (AUROC: the chance that a query with a match gets a higher
/// P(any match) than one without, ties counting half), its reliability over queries, and how often a page would show
/// "No good match" (P(any match) below <see cref="Threshold"/>) to each kind of query.
/// </summary>
/// <param name="Queries">Queries judged.</param>
/// <param name="WithMatch">Of them, those with a relevant image among their best k.</param>
/// <param name="Auroc">NaN when every query is of one kind.</param>
/// <param name="Ece">Expected calibration error of P(any match) against "has a match", over the queries.</param>
/// <param name="BannerWithMatch">Share of queries with a match that would get the banner.</param>
/// <param name="BannerWithoutMatch">Share of queries without a match that would get the banner (NaN when there are none).</param>
public sealed record AnyMatchQuality(
    int Queries, int WithMatch, double Auroc, double Ece, double Threshold, double BannerWithMatch, double BannerWithoutMatch)
{
    /// <summary>Judges <paramref name="calibration"/>'s P(any match) on each query of <paramref name="queries"/>.</summary>
    public static AnyMatchQuality Measure(
        ScoreCalibration calibration, IReadOnlyList<QueryTop> queries, double threshold = 0.5, int bins = Reliability.DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(queries);
        double[] any = [.. queries.Select(q => AnyMatch.Probability(q.Scores.Select(s => calibration.Probability(s))))];
        bool[] has = [.. queries.Select(q => q.HasMatch)];
        int withMatch = has.Count(h => h);
        var counts = ScoreCounts.FromPairs([.. any.Select(a => (float)a)], has);
        double ece = queries.Count == 0 ? 0 : Reliability.Of(counts, p => p, bins).Ece;
        return new AnyMatchQuality(queries.Count, withMatch, AurocOf(any, has), ece, threshold,
            Share(any, has, true, threshold), Share(any, has, false, threshold));
    }

    /// <summary>Mann–Whitney: over all (with, without) pairs, the share where "with" scores higher, ties counting half.</summary>
    public static double AurocOf(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        // Average ranks (1-based) over runs of equal scores; AUROC = (sum of positive ranks − P(P+1)/2) / (P·N).
        double positiveRanks = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
                end++;
            double rank = ((start + end) / 2.0) + 1;
            for (int i = start; i <= end; i++)
                positiveRanks += positive[order[i]] ? rank : 0;
            start = end + 1;
        }

        long p = positive.Count(x => x), n = positive.Count - p;
        return p == 0 || n == 0 ? double.NaN : (positiveRanks - (p * (p + 1) / 2.0)) / ((double)p * n);
    }

    /// <summary>Of the queries of one kind, the share whose P(any match) is below the threshold (shown the banner); NaN when there are none.</summary>
    internal static double Share(double[] any, bool[] has, bool kind, double threshold)
    {
        int total = 0, banner = 0;
        for (int i = 0; i < any.Length; i++)
        {
            if (has[i] != kind)
                continue;
            total++;
            banner += any[i] < threshold ? 1 : 0;
        }

        return total == 0 ? double.NaN : (double)banner / total;
    }
}
