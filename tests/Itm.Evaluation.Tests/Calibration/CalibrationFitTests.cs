using Itm.Evaluation.Calibration;

namespace Itm.Evaluation.Tests.Calibration;

/// <summary>Platt scaling and isotonic regression on cases small enough to solve by hand, and PAV against a naive reference.</summary>
public sealed class CalibrationFitTests
{
    [Fact]
    public void Platt_fits_the_smoothed_frequency_exactly_at_two_scores()
    {
        // 4 pairs at score 0 (1 relevant) and 4 at score 1 (3 relevant): N+ = N- = 4, so a relevant pair counts as
        // 5/6 and an irrelevant one as 1/6. Smoothed frequencies: (5/6 + 3/6) / 4 = 1/3 at 0, (15/6 + 1/6) / 4 = 2/3 at 1.
        // Two free parameters meet two frequencies: B = logit(1/3) = -ln 2, A = logit(2/3) - logit(1/3) = 2 ln 2.
        var counts = new ScoreCounts([0.0, 1.0], [4, 4], [1, 3]);

        var platt = PlattCalibration.Fit(counts);

        Assert.Equal(2 * Math.Log(2), platt.A, 9);
        Assert.Equal(-Math.Log(2), platt.B, 9);
        Assert.Equal(1.0 / 3, platt.Probability(0), 9);
        Assert.Equal(2.0 / 3, platt.Probability(1), 9);
    }

    [Fact]
    public void Platt_stays_finite_on_separable_scores()
    {
        // Irrelevant pairs at 0, relevant ones at 1: plain maximum likelihood would send A to infinity. Smoothed targets
        // 1/4 and 3/4 give B = -ln 3 and A = 2 ln 3.
        var platt = PlattCalibration.Fit(ScoreCounts.FromPairs([0f, 0f, 1f, 1f], [false, false, true, true]));

        Assert.Equal(2 * Math.Log(3), platt.A, 9);
        Assert.Equal(-Math.Log(3), platt.B, 9);
    }

    [Fact]
    public void Platt_recovers_the_curve_the_pairs_were_drawn_from()
    {
        // A million pairs at each of five scores, relevant at the rate of 1 / (1 + exp(-(3s - 1))).
        double[] scores = [-1, -0.5, 0, 0.5, 1];
        long[] pairs = [.. scores.Select(_ => 1_000_000L)];
        long[] positives = [.. scores.Select(s => (long)Math.Round(1_000_000 / (1 + Math.Exp(-((3 * s) - 1)))))];

        var platt = PlattCalibration.Fit(new ScoreCounts(scores, pairs, positives));

        Assert.Equal(3, platt.A, 3);
        Assert.Equal(-1, platt.B, 3);
    }

    [Fact]
    public void Pooling_adjacent_violators_averages_each_decreasing_run()
    {
        Assert.Equal([1, 2.5, 2.5, 4], IsotonicCalibration.PoolAdjacentViolators([1, 3, 2, 4], [1, 1, 1, 1]));
        // (1·1 + 0·3) / 4: the heavier 0 pulls the pool down.
        Assert.Equal([0, 0.25, 0.25], IsotonicCalibration.PoolAdjacentViolators([0, 1, 0], [1, 1, 3]));
        // A violation found late reaches back over several pools: (3 + 2 + 1 + 0) / 4 = 1.5.
        Assert.Equal([1.5, 1.5, 1.5, 1.5], IsotonicCalibration.PoolAdjacentViolators([3, 2, 1, 0], [1, 1, 1, 1]));
    }

    [Fact]
    public void Pooling_adjacent_violators_matches_the_min_max_formula()
    {
        // The isotonic fit has a closed form: y_i = max over j <= i of min over k >= i of the weighted mean of j..k.
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = random.Next(1, 40);
            double[] values = [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 2) == 0 ? random.NextDouble() : Math.Round(random.NextDouble(), 1))];
            double[] weights = [.. Enumerable.Range(0, n).Select(_ => 0.5 + (random.NextDouble() * 3))];

            double[] fitted = IsotonicCalibration.PoolAdjacentViolators(values, weights);

            for (int i = 0; i < n; i++)
            {
                double expected = double.NegativeInfinity;
                for (int j = 0; j <= i; j++)
                {
                    double lowest = double.PositiveInfinity;
                    for (int k = i; k < n; k++)
                    {
                        double sum = 0, weight = 0;
                        for (int t = j; t <= k; t++)
                        {
                            sum += values[t] * weights[t];
                            weight += weights[t];
                        }

                        lowest = Math.Min(lowest, sum / weight);
                    }

                    expected = Math.Max(expected, lowest);
                }

                Assert.Equal(expected, fitted[i], 12);
            }
        }
    }

    [Fact]
    public void Isotonic_calibration_is_linear_between_the_ends_of_its_steps()
    {
        // Fractions relevant 0, 1/2, 0, 1 at scores 0.1..0.4 pool to 0, 1/4, 1/4, 1: knots at both ends of the 1/4 step.
        var isotonic = IsotonicCalibration.Fit(new ScoreCounts([0.1, 0.2, 0.3, 0.4], [2, 2, 2, 2], [0, 1, 0, 2]), minPositivesPerStep: 1);

        Assert.Equal([0.1, 0.2, 0.3, 0.4], isotonic.Scores);
        Assert.Equal([0, 0.25, 0.25, 1], isotonic.Probabilities);
        Assert.Equal(0, isotonic.Probability(-1));
        Assert.Equal(0.125, isotonic.Probability(0.15), 12);
        Assert.Equal(0.25, isotonic.Probability(0.27), 12);
        Assert.Equal(0.625, isotonic.Probability(0.35), 12);
        Assert.Equal(1, isotonic.Probability(0.9));
    }

    [Fact]
    public void A_calibration_moved_to_a_larger_collection_keeps_the_likelihood_ratio_and_lowers_the_prior()
    {
        // Fitted with 1 relevant image in 10 (prior odds 1/9); P = 0.5 there is a likelihood ratio of 9. Among 100
        // images (prior odds 1/99) the same score has odds 9/99 = 1/11, so P = 1/12.
        var fitted = new FittedCalibration(new PlattCalibration(1, 0), "d", "val", 10, 10, new Reliability(100, 10, 0, 0, []), DateTimeOffset.UtcNow);

        var moved = fitted.ForImages(100);

        Assert.Equal(1.0 / 12, moved.Probability(0), 12);
        Assert.Equal(0.5, fitted.ForImages(10).Probability(0), 12);
        Assert.Equal("platt", moved.Method);
        // Certainties stay certain: an isotonic step at 0 or 1 has no odds to move.
        var steps = new FittedCalibration(new IsotonicCalibration([0, 1], [0, 1]), "d", "val", 10, 10, new Reliability(100, 10, 0, 0, []), DateTimeOffset.UtcNow);
        Assert.Equal((0.0, 1.0), (steps.ForImages(100).Probability(-1), steps.ForImages(100).Probability(2)));
    }

    [Fact]
    public void A_step_resting_on_too_few_relevant_pairs_is_pooled_with_the_step_below()
    {
        // Already non-decreasing: 0/100, 10/20, 12/20, 3/3. The top step has 3 relevant pairs, fewer than 10, so it
        // joins the step below: 15/23. Without that, three pairs would claim certainty.
        var counts = new ScoreCounts([0.0, 1.0, 2.0, 3.0], [100, 20, 20, 3], [0, 10, 12, 3]);

        var pooled = IsotonicCalibration.Fit(counts);
        var unpooled = IsotonicCalibration.Fit(counts, minPositivesPerStep: 1);

        Assert.Equal([0.0, 1.0, 2.0, 3.0], pooled.Scores);
        Assert.Equal([0, 0.5, 15.0 / 23, 15.0 / 23], pooled.Probabilities);
        Assert.Equal(1, unpooled.Probability(3));
        // The thin bottom step (5 relevant) joins the one above it instead.
        var low = IsotonicCalibration.Fit(new ScoreCounts([0.0, 1.0], [50, 20], [5, 15]));
        Assert.Equal([0.0, 1.0], low.Scores);
        Assert.Equal([20.0 / 70, 20.0 / 70], low.Probabilities);
    }

    [Fact]
    public void Auto_takes_isotonic_steps_only_with_enough_relevant_pairs()
    {
        var few = new ScoreCounts([0.0, 1.0], [1000, 100], [10, 50]);
        var many = new ScoreCounts([0.0, 1.0], [1000, 400], [10, ScoreCalibration.MinIsotonicPositives]);

        Assert.IsType<PlattCalibration>(ScoreCalibration.Fit(few, CalibrationMethod.Auto));
        Assert.IsType<IsotonicCalibration>(ScoreCalibration.Fit(many, CalibrationMethod.Auto));
        Assert.IsType<IsotonicCalibration>(ScoreCalibration.Fit(few, CalibrationMethod.Isotonic));
    }

    [Fact]
    public void A_split_without_relevant_pairs_cannot_be_calibrated()
    {
        var error = Assert.Throws<ArgumentException>(() => ScoreCalibration.Fit(new ScoreCounts([0.0, 1.0], [5, 5], [0, 0]), CalibrationMethod.Platt));

        Assert.Contains("relevant and irrelevant", error.Message);
    }
}
