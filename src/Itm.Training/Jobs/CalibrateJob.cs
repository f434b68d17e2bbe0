using System.Globalization;
using Itm.Data;
using Itm.Data.Readers;
using Itm.Data.Relevance;
using Itm.Evaluation.Calibration;
using Itm.Model.Persistence;

namespace Itm.Training.Jobs;

/// <summary>Which model to calibrate, on which data, how.</summary>
public sealed record CalibrateJobOptions
{
    public required string ModelDir { get; init; }

    public required string DatasetPath { get; init; }

    public DatasetReadOptions ReadOptions { get; init; } = new();

    /// <summary>The split fitted on: validation by default, so the test split stays held out for <c>itm eval</c>.</summary>
    public Split Split { get; init; } = Split.Val;

    public string? CacheDir { get; init; }

    public CalibrationMethod Method { get; init; } = CalibrationMethod.Auto;

    /// <summary>
    /// Which pairs count as relevant; null picks by the dataset (<see cref="CalibrateJob.RelevanceFor"/>): scenes for a
    /// synthetic dataset, else every image whose caption says what the query says.
    /// </summary>
    public CalibrationRelevance? Relevance { get; init; }
}

/// <summary>What a calibration run wrote: the file and the calibration in it.</summary>
public sealed record CalibrateJobResult(string Path, FittedCalibration Calibration);

/// <summary>
/// Fits (or refits) a model folder's <c>calibration.json</c>: encode every image and sentence of a split once, score
/// every (sentence, image) pair as search would, fit the map from score to P(relevant). <c>itm train</c> does the same
/// on its validation split; this job calibrates models trained before calibration existed.
/// </summary>
public static class CalibrateJob
{
    public static CalibrateJobResult Run(CalibrateJobOptions options, IProgress<JobEvent>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (BaseModel.IsName(options.ModelDir))
        {
            // The shipped base model is shared by every index built with it: refitting it in place would change their scores.
            throw new ArgumentException(
                "The base model's calibration ships with it and is not refitted in place. Fine-tune it on your data " +
                "(`itm train --init base --data DATASET.json --out DIR`, which calibrates the result) or calibrate a copy of its folder.");
        }

        FittedCalibration fitted;
        using (var loaded = ModelFolder.Load(options.ModelDir))
        {
            string split = options.Split.ToString().ToLowerInvariant();
            var encoded = JobInputs.EncodeSplit(loaded, options.DatasetPath, options.ReadOptions, options.Split, options.CacheDir,
                JobStage.Calibrate, $"Scoring every sentence against every image of the {split} split", progress, cancellation);
            if (encoded.Images.Count < 2)
            {
                throw new ArgumentException($"The {split} split of {options.DatasetPath} has {encoded.Images.Count} usable image; a calibration needs at least 2.");
            }

            var relevance = RelevanceFor(options.DatasetPath, options.Relevance);
            var pairs = SearchPairs.Collect(encoded.ImageEmbeddings, encoded.SentenceEmbeddings, encoded.Dim,
                RelevantImages(relevance, encoded.Images, encoded.SentenceImage, options.DatasetPath));
            fitted = FittedCalibration.FitOn(pairs, options.Method, encoded.DatasetName, split, encoded.Images.Count, encoded.SentenceImage.Count,
                relevance);
        }

        string path = Path.Combine(options.ModelDir, ModelFolder.CalibrationFile);
        CalibrationJson.Write(fitted, path);
        progress?.Report(new StageFinished(JobStage.Calibrate, Summary(fitted)));
        return new CalibrateJobResult(path, fitted);
    }

    /// <summary>
    /// The relevance asked for, or when none is: <see cref="CalibrationRelevance.Scenes"/> for a dataset with a
    /// <c>scenes.json</c> beside it (exact), else <see cref="CalibrationRelevance.CaptionTerms"/>.
    /// </summary>
    internal static CalibrationRelevance RelevanceFor(string datasetPath, CalibrationRelevance? requested) =>
        requested ?? (SceneFacts.BesideDataset(datasetPath) is null ? CalibrationRelevance.CaptionTerms : CalibrationRelevance.Scenes);

    /// <summary>
    /// Per sentence of a split (image order, then caption order), the images relevant to it under
    /// <paramref name="relevance"/>: what train, calibrate and eval all fit and judge on.
    /// </summary>
    internal static int[][] RelevantImages(
        CalibrationRelevance relevance, IReadOnlyList<CaptionedImage> images, IReadOnlyList<int> sentenceImage, string datasetPath) =>
        relevance switch
        {
            CalibrationRelevance.SameImage => CaptionRelevance.SameImage(sentenceImage),
            CalibrationRelevance.CaptionTerms => CaptionRelevance.RelevantImages(images),
            CalibrationRelevance.Scenes => SceneRelevance.RelevantImages(images, SceneFacts.Read(SceneFacts.BesideDataset(datasetPath)
                ?? throw new ArgumentException($"The scenes relevance needs the {SceneFacts.FileName} that `itm data prepare synthetic` writes beside {datasetPath}; there is none."))),
            _ => throw new ArgumentOutOfRangeException(nameof(relevance), relevance, null),
        };

    /// <summary>One line on a fitted calibration, for the progress report of train and calibrate.</summary>
    internal static string Summary(FittedCalibration fitted) => string.Create(CultureInfo.InvariantCulture,
        $"{fitted.Calibration.Method} calibration on {fitted.Fit.Pairs:N0} {fitted.Split} pairs ({fitted.Fit.Positives:N0} relevant, {CalibrationRelevanceNames.Of(fitted.Relevance)}), in-sample ECE {fitted.Fit.Ece:F4}");
}
