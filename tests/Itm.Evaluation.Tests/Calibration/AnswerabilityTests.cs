using Itm.Evaluation.Calibration;

namespace Itm.Evaluation.Tests.Calibration;

/// <summary>Answerable against unanswerable queries by P(any match): a case worked out by hand.</summary>
public sealed class AnswerabilityTests
{
    [Fact]
    public void P_any_match_over_the_best_k_ranks_and_bans_as_computed_by_hand()
    {
        // Images on the first two axes; an identity-like calibration (P = score clamped to [0, 1]).
        float[] images = [1, 0, 0, 0, 1, 0];
        // Query 0 hits image 0 (scores 1, 0): P(any, k=2) = 1. Query 1 sits between both (0.6, 0.8): 1 − 0.4·0.2 = 0.92.
        // Query 2 is on the third axis (0, 0): P(any) = 0. Query 3 scores 0.3 and 0: P(any) = 0.3.
        float[] sentences = [1, 0, 0, 0.6f, 0.8f, 0, 0, 0, 1, 0.3f, 0, 0.9539392f];
        IReadOnlyList<int>[] relevant = [[0], [], [1], []]; // queries 1 and 3 lost their images: unanswerable
        var calibration = new IsotonicCalibration([0, 1], [0, 1]);

        var result = Answerability.Measure(images, sentences, 3, relevant, calibration, ["dogs"], topK: 2, threshold: 0.5);

        Assert.Equal((2, 2), (result.Answerable, result.Unanswerable));
        // Answerable P(any): 1 and 0; unanswerable: 0.92 and 0.3. Pairs (a, u): (1 > 0.92), (1 > 0.3), (0 < 0.92), (0 < 0.3): 2 of 4.
        Assert.Equal(0.5, result.Auroc, 12);
        Assert.Equal(0.5, result.BannerAnswerable);   // query 2 (P 0) gets the banner, query 0 not
        Assert.Equal(0.5, result.BannerUnanswerable); // query 3 (P 0.3) gets it, query 1 (0.92) not
        Assert.Equal(["dogs"], result.LeftOut);
    }
}
