namespace Itm.Evaluation.Calibration;

/// <summary>
/// A calibration of search scores with what it was fitted on: the split, its size, and how well it fits there
/// (in-sample; the held-out figures come from <see cref="CalibrationQuality"/>). Saved as a model's
/// <c>calibration.json</c> by <see cref="CalibrationJson"/>.
/// </summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Split">The split fitted on (val).</param>
/// <param name="Images">Images of that split.</param>
/// <param name="Sentences">Sentences of that split (the search queries).</param>
/// <param name="Fit">The calibration's reliability on the pairs it was fitted on.</param>
/// <param name="Relevance">Which pairs counted as relevant: what the probability is a probability of.</param>
public sealed record FittedCalibration(
    ScoreCalibration Calibration,
    string Dataset,
    string Split,
    int Images,
    int Sentences,
    Reliability Fit,
    DateTimeOffset CreatedUtc,
    CalibrationRelevance Relevance = CalibrationRelevance.SameImage)
{
    /// <summary>The fraction of relevant pairs on the fitted-on split: what the naive baseline predicts for every pair.</summary>
    public double BaseRate => Fit.Pairs == 0 ? 0 : (double)Fit.Positives / Fit.Pairs;

    /// <summary>
    /// The probability of a match among <paramref name="images"/> candidates. Under
    /// <see cref="CalibrationRelevance.SameImage"/> a query has one relevant image among them, a prior of
    /// 1 / <paramref name="images"/>, so the fitted calibration is moved from the fitted-on split's prior to that one.
    /// Under <see cref="CalibrationRelevance.CaptionTerms"/> the relevant images of a query grow with the collection
    /// (twice the drawings hold about twice the dogs), so the share of relevant pairs is a property of what the
    /// collection shows, not of its size, and the calibration applies as fitted.
    /// </summary>
    public ScoreCalibration ForImages(long images)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(images);
        return images == 1 || Relevance != CalibrationRelevance.SameImage
            ? Calibration
            : new PriorShiftedCalibration(Calibration, BaseRate, 1.0 / images);
    }

    /// <summary>Fits a calibration on every (sentence, image) pair of a split, relevant as <paramref name="relevance"/> says they were collected.</summary>
    public static FittedCalibration FitOn(
        SearchPairs pairs, CalibrationMethod method, string dataset, string split, int images, int sentences,
        CalibrationRelevance relevance = CalibrationRelevance.SameImage)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var calibration = ScoreCalibration.Fit(pairs.All, method);
        return new FittedCalibration(calibration, dataset, split, images, sentences,
            Reliability.Of(pairs.All, calibration.Probability), DateTimeOffset.UtcNow, relevance);
    }
}
