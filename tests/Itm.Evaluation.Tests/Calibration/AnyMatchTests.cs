using Itm.Evaluation.Calibration;

namespace Itm.Evaluation.Tests.Calibration;

/// <summary>P(at least one match) among independent results, against cases worked out by hand and by enumeration.</summary>
public sealed class AnyMatchTests
{
    [Fact]
    public void Hand_computed_cases()
    {
        Assert.Equal(0, AnyMatch.Probability([]));
        Assert.Equal(0.3, AnyMatch.Probability([0.3]), 12);
        Assert.Equal(1 - (0.6 * 0.8), AnyMatch.Probability([0.4, 0.2]), 12);
        Assert.Equal(1, AnyMatch.Probability([0.1, 1, 0.2]), 12);
        // Eleven boats at 0.3 each: no single one reaches 0.5, but one of them almost surely matches.
        Assert.Equal(1 - Math.Pow(0.7, 11), AnyMatch.Probability(Enumerable.Repeat(0.3, 11)), 12);
        Assert.True(AnyMatch.Probability(Enumerable.Repeat(0.3, 11)) > 0.98);
    }

    [Fact]
    public void Equals_the_share_of_outcomes_with_a_match_when_enumerated()
    {
        double[] p = [0.1, 0.5, 0.25, 0.05];
        double withMatch = 0;
        for (int outcome = 1; outcome < 1 << p.Length; outcome++)
        {
            double weight = 1;
            for (int i = 0; i < p.Length; i++)
                weight *= (outcome & (1 << i)) != 0 ? p[i] : 1 - p[i];
            withMatch += weight;
        }

        Assert.Equal(withMatch, AnyMatch.Probability(p), 12);
    }

    [Fact]
    public void A_probability_outside_0_and_1_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AnyMatch.Probability([0.5, 1.5]));
}
