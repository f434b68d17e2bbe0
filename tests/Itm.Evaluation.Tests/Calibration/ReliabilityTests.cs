using Itm.Evaluation.Calibration;

namespace Itm.Evaluation.Tests.Calibration;

/// <summary>Reliability curves, ECE, Brier score and the min-precision check on hand-worked cases.</summary>
public sealed class ReliabilityTests
{
    [Fact]
    public void Ece_weighs_each_bins_gap_by_its_share_of_pairs()
    {
        // Predictions 0.1 (one of two relevant) and 0.9 (both relevant), scores used as probabilities, 10 bins:
        // bin [0.1, 0.2): |0.1 - 0.5| · 2/4 = 0.2; bin [0.9, 1]: |0.9 - 1| · 2/4 = 0.05.
        var counts = new ScoreCounts([0.1, 0.9], [2, 2], [1, 2]);

        var reliability = Reliability.Of(counts, s => s, bins: 10);

        Assert.Equal(0.25, reliability.Ece, 6);
        // Brier: (0.1² + 0.9² + 0.1² + 0.1²) / 4
        Assert.Equal(0.21, reliability.Brier, 6);
        Assert.Equal(2, reliability.Bins.Count);
        Assert.Equal((0.1, 0.2, 2L, 0.5), (reliability.Bins[0].Lower, reliability.Bins[0].Upper, reliability.Bins[0].Pairs, reliability.Bins[0].Observed));
        Assert.Equal(0.9, reliability.Bins[1].Lower, 12);
        Assert.Equal(1.0, reliability.Bins[1].Observed);
    }

    [Fact]
    public void A_probability_of_one_falls_in_the_last_bin()
    {
        var reliability = Reliability.Of(new ScoreCounts([1.0], [3], [3]), s => s, bins: 15);

        Assert.Equal(14.0 / 15, Assert.Single(reliability.Bins).Lower, 12);
        Assert.Equal(0, reliability.Ece);
    }

    [Fact]
    public void Quality_reports_what_each_min_precision_returns()
    {
        // P = 1 / (1 + exp(-(4s - 4))): 0.018 at 0, exactly 0.5 at 1, 0.982 at 2.
        var calibration = new PlattCalibration(4, -4);
        var all = new ScoreCounts([0.0, 1.0, 2.0], [10, 10, 10], [0, 5, 9]);
        var top = new ScoreCounts([1.0, 2.0], [2, 1], [1, 1]);
        var pairs = new SearchPairs(all, top, TopK: 1, BestScores: [2f, 1f, 1f]);

        var quality = CalibrationQuality.Measure(calibration, baseRate: 0.1, pairs, thresholds: [0.5, 0.8, 0.99]);

        // >= 0.5: the 20 pairs at scores 1 and 2, 14 relevant; every query has its best at score 1 or more.
        Assert.Equal(new ThresholdPrecision(0.5, 20, 0.7, 1), quality.Thresholds[0]);
        // >= 0.8: the 10 pairs at score 2, 9 relevant; one query in three.
        Assert.Equal(new ThresholdPrecision(0.8, 10, 0.9, 1.0 / 3), quality.Thresholds[1]);
        Assert.Equal(0, quality.Thresholds[2].Results);
        Assert.True(double.IsNaN(quality.Thresholds[2].Precision));
        // The baseline predicts 0.1 everywhere: over the top pairs (2 of 3 relevant) it is off by |0.1 - 2/3|.
        Assert.Equal((2.0 / 3) - 0.1, quality.TopBaseRate.Ece, 12);
        Assert.Equal(30, quality.All.Pairs);
    }
}
