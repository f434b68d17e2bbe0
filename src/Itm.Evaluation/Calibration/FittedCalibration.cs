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
public sealed record FittedCalibration(
    ScoreCalibration Calibration,
    string Dataset,
    string Split,
    int Images,
    int Sentences,
    Reliability Fit,
    DateTimeOffset CreatedUtc)
{
    /// <summary>The fraction of relevant pairs on the fitted-on split: what the naive baseline predicts for every pair.</summary>
    public double BaseRate => Fit.Pairs == 0 ? 0 : (double)Fit.Positives / Fit.Pairs;

    /// <summary>
    /// The probability of a match among <paramref name="images"/> candidates: the fitted calibration moved from the
    /// fitted-on split's prior to 1 / <paramref name="images"/>, as when each query has one relevant image among them.
    /// Where a collection holds several images a query describes, this understates their probability, so a minimum
    /// precision errs on the strict side.
    /// </summary>
    public ScoreCalibration ForImages(long images)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(images);
        return images == 1 ? Calibration : new PriorShiftedCalibration(Calibration, BaseRate, 1.0 / images);
    }

    /// <summary>Fits a calibration on every (sentence, image) pair of a split.</summary>
    public static FittedCalibration FitOn(SearchPairs pairs, CalibrationMethod method, string dataset, string split, int images, int sentences)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var calibration = ScoreCalibration.Fit(pairs.All, method);
        return new FittedCalibration(calibration, dataset, split, images, sentences,
            Reliability.Of(pairs.All, calibration.Probability), DateTimeOffset.UtcNow);
    }
}
