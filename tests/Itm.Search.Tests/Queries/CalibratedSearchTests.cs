using Itm.Evaluation.Calibration;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// Search with a calibrated model: every result carries its probability of matching, and a minimum precision keeps
/// only the results likely enough to match. On <see cref="SceneIndex"/> the scores are known: an image with both words
/// of "red circle" scores 0.71 or more, one with a single word 0.41 or less.
/// </summary>
[Collection("Sequential")]
public sealed class CalibratedSearchTests : IClassFixture<SceneIndex>
{
    // P = 1 / (1 + exp(-(20s - 10))): 0.98 or more for both words, 0.14 or less for one, so P >= 0.8 means both.
    private static readonly PlattCalibration Calibration = new(20, -10);

    private readonly SceneIndex scenes;

    public CalibratedSearchTests(SceneIndex scenes)
    {
        this.scenes = scenes;
        // Fitted on as many images as the index holds, so search applies it unshifted.
        scenes.Calibrate(Calibration, fittedOnImages: scenes.Scenes.Count);
    }

    [Fact]
    public void Each_result_carries_the_calibrated_probability_of_its_score()
    {
        using var service = scenes.Open();

        var results = service.Search(QueryExpression.Parse("red circle"), 60);

        Assert.All(results, r => Assert.Equal(Calibration.Probability(r.Score), r.Probability!.Value, 12));
        Assert.Equal(results.Select(r => r.Probability).OrderDescending(), results.Select(r => r.Probability));
    }

    [Fact]
    public void A_minimum_precision_keeps_only_the_results_that_reach_it()
    {
        using var service = scenes.Open();
        var all = service.Search(QueryExpression.Parse("red circle"), 60);

        var cut = service.Search(QueryExpression.Parse("red circle"), 60, minPrecision: 0.8);

        Assert.NotEmpty(cut);
        Assert.True(cut.Count < all.Count, $"{cut.Count} of {all.Count} results kept");
        Assert.Equal(all.Where(r => r.Probability >= 0.8).Select(r => r.Id), cut.Select(r => r.Id));
        Assert.All(cut, r => Assert.Superset(new HashSet<string> { "red", "circle" }, SceneIndex.WordsOf(scenes.SceneOf(r))));
        // Every scene with both words was kept: the cut is by probability, not by rank.
        Assert.Equal(scenes.Scenes.Count(s => SceneIndex.WordsOf(s).IsSupersetOf(["red", "circle"])), cut.Count);
    }

    [Fact]
    public void A_precision_nothing_reaches_returns_no_results_rather_than_poor_ones()
    {
        using var service = scenes.Open();

        Assert.Empty(service.Search(QueryExpression.Parse("red circle"), 60, minPrecision: 0.9999));
        Assert.Empty(service.Search("red circle", 60, minPrecision: 0.9999));
    }

    [Fact]
    public void A_minimum_precision_must_be_a_probability_strictly_between_0_and_1()
    {
        using var service = scenes.Open();

        Assert.Throws<ArgumentOutOfRangeException>(() => service.Search(QueryExpression.Parse("red"), 5, minPrecision: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.Search(QueryExpression.Parse("red"), 5, minPrecision: 0));
    }

    [Fact]
    public void Similar_images_carry_no_probability_the_calibration_is_for_sentences()
    {
        using var service = scenes.Open();

        var similar = service.Similar(ImageReference.File(scenes.PathOf(scenes.Scenes[0])), 5);

        Assert.All(similar, r => Assert.Null(r.Probability));
    }
}

/// <summary>A calibration fitted on a split of 10 images, searched over an index of 60: its probabilities are moved to the index's size.</summary>
[Collection("Sequential")]
public sealed class ShiftedCalibrationSearchTests : IClassFixture<SceneIndex>
{
    private static readonly PlattCalibration Calibration = new(20, -10);

    private readonly SceneIndex scenes;

    public ShiftedCalibrationSearchTests(SceneIndex scenes)
    {
        this.scenes = scenes;
        scenes.Calibrate(Calibration, fittedOnImages: 10);
    }

    [Fact]
    public void Probabilities_are_those_of_one_relevant_image_among_the_indexed_ones()
    {
        using var service = scenes.Open();

        var results = service.Search(QueryExpression.Parse("red circle"), 60);

        // One relevant image in 10 when fitted (prior odds 1/9), in 60 here (1/59): every odds shrinks by 9/59.
        Assert.Equal(60, scenes.Scenes.Count);
        Assert.All(results, r =>
        {
            double p = Calibration.Probability(r.Score), odds = p / (1 - p) * 9 / 59;
            Assert.Equal(odds / (1 + odds), r.Probability!.Value, 12);
        });
    }
}
