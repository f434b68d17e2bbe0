using Itm.Evaluation.Calibration;

namespace Itm.Evaluation.Tests.Calibration;

/// <summary>P(any match) judged per query: AUROC against a naive all-pairs count, banner rates worked out by hand.</summary>
public sealed class AnyMatchQualityTests
{
    [Fact]
    public void Auroc_equals_the_naive_count_over_all_pairs_with_ties_as_halves()
    {
        var random = new Random(9);
        double[] scores = [.. Enumerable.Range(0, 60).Select(_ => Math.Round(random.NextDouble(), 1))]; // rounded: many ties
        bool[] positive = [.. Enumerable.Range(0, 60).Select(_ => random.Next(3) == 0)];

        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            for (int j = 0; j < scores.Length; j++)
            {
                if (!positive[i] || positive[j])
                    continue;
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }

        Assert.Equal(wins / pairs, AnyMatchQuality.AurocOf(scores, positive), 12);
        Assert.True(double.IsNaN(AnyMatchQuality.AurocOf([0.1, 0.2], [true, true])));
    }

    [Fact]
    public void Banner_rates_and_auroc_on_a_hand_computed_case()
    {
        // Identity calibration: a score is its probability. P(any) per query: 1 − 0.5·0.5 = 0.75, 1 − 0.9·0.9 = 0.19,
        // 1 − 0.4·0.8 = 0.68, 1 − 0.7·1 = 0.3.
        var identity = new IsotonicCalibration([0, 1], [0, 1]);
        QueryTop[] queries =
        [
            new([0.5f, 0.5f], HasMatch: true),
            new([0.1f, 0.1f], HasMatch: false),
            new([0.6f, 0.2f], HasMatch: true),
            new([0.3f, 0f], HasMatch: false),
        ];

        var quality = AnyMatchQuality.Measure(identity, queries, threshold: 0.5);

        Assert.Equal((4, 2), (quality.Queries, quality.WithMatch));
        Assert.Equal(1.0, quality.Auroc, 12);          // both with a match score above both without
        Assert.Equal(0.0, quality.BannerWithMatch);     // 0.75 and 0.68 reach 0.5
        Assert.Equal(1.0, quality.BannerWithoutMatch);  // 0.19 and 0.3 do not
    }

    [Fact]
    public void Collected_pairs_know_per_query_whether_a_match_is_in_the_top()
    {
        // Two images on the axes; sentence 0 points at image 0, sentence 1 at image 1 but is relevant to image 0 only.
        float[] images = [1, 0, 0, 1], sentences = [1, 0, 0, 1];

        var pairs = SearchPairs.Collect(images, sentences, 2, new int[][] { [0], [0] }, topK: 1);

        Assert.Equal([true, false], pairs.Queries!.Select(q => q.HasMatch));
        Assert.Equal([1f], pairs.Queries![0].Scores);
    }
}
