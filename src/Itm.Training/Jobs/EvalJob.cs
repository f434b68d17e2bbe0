using System.Globalization;
using Itm.Data;
using Itm.Data.Ranking;
using Itm.Data.Readers;
using Itm.Data.Relevance;
using Itm.Evaluation;
using Itm.Evaluation.Calibration;
using Itm.Model.Persistence;

namespace Itm.Training.Jobs;

/// <summary>Which model to evaluate on which data.</summary>
public sealed record EvalJobOptions
{
    public required string ModelDir { get; init; }

    public required string DatasetPath { get; init; }

    public DatasetReadOptions ReadOptions { get; init; } = new();

    public Split Split { get; init; } = Split.Test;

    public string? CacheDir { get; init; }

    /// <summary>When set, also report the mean over consecutive folds of this many images (COCO "1K").</summary>
    public int? FoldSize { get; init; }

    /// <summary>
    /// Folders (relative to the images' root, '/' separated, e.g. <c>animals/mammals/dogs</c>) whose images are left out
    /// of a second search of the split, for a calibrated model: the queries then without any relevant image are
    /// unanswerable, and <see cref="Answerability"/> judges P(any match) on both kinds. Empty: no such search.
    /// </summary>
    public IReadOnlyList<string> LeaveOut { get; init; } = [];

    /// <summary>
    /// Synthetic datasets: sentences (e.g. <c>a red circle</c>, <c>a blue square above a green star</c>) whose every
    /// scene is left out of that second search, as <see cref="LeaveOut"/> leaves out folders; both may be given.
    /// </summary>
    public IReadOnlyList<string> LeaveOutScenes { get; init; } = [];

    /// <summary>
    /// Whether the split's image vectors are centred on their mean before scoring, as an index of those pictures would
    /// centre them (<see cref="CollectionCentring"/>); null follows the model (the base model centres).
    /// </summary>
    public ImageCentring? Centring { get; init; }
}

/// <summary>
/// The evaluated split with everything needed to show examples: the report, the per-query ranks,
/// and the embeddings (row-major N × D and M × D) of its images and sentences; and, for a calibrated model,
/// how well its calibration holds on this split.
/// </summary>
public sealed record EvalJobResult(
    EvalReport Report,
    RetrievalMetrics? FoldMean,
    RetrievalResult Result,
    IReadOnlyList<CaptionedImage> Images,
    IReadOnlyList<int> SentenceImage,
    IReadOnlyList<Caption> Sentences,
    float[] ImageEmbeddings,
    float[] SentenceEmbeddings,
    int Dim,
    CalibrationQuality? Calibration = null);

/// <summary>
/// The evaluation protocol of DESIGN.md on a model folder: encode every image and every sentence of
/// the split once, score all pairs, compute R@K, MedR and MeanR in both directions; for a model with a
/// <c>calibration.json</c>, also its reliability and expected calibration error on the split.
/// </summary>
public static class EvalJob
{
    public static EvalJobResult Run(EvalJobOptions options, IProgress<JobEvent>? progress = null, CancellationToken cancellation = default)
    {
        using var loaded = ModelFolder.Load(options.ModelDir);
        var split = JobInputs.EncodeSplit(loaded, options.DatasetPath, options.ReadOptions, options.Split, options.CacheDir,
            JobStage.Evaluate, "Encoding and scoring", progress, cancellation);
        int dim = split.Dim;
        string modelDir = ModelFolder.Locate(options.ModelDir);
        var centring = options.Centring ?? CollectionCentring.DefaultFor(modelDir);
        if (centring == ImageCentring.Collection)
        {
            CollectionCentre.Estimate(split.ImageEmbeddings, dim, CollectionCentring.PartsOf(loaded.Manifest, options.ModelDir)).Apply(split.ImageEmbeddings);
            progress?.Report(new StageFinished(JobStage.Evaluate, $"Image vectors centred on the mean of the split's {split.Images.Count:N0} images"));
        }

        var result = RankMetrics.FromEmbeddings(split.ImageEmbeddings, split.SentenceEmbeddings, dim, split.SentenceImage);
        var metrics = result.Metrics;
        RetrievalMetrics? foldMean = options.FoldSize is int fold && fold < split.Images.Count
            ? RankMetrics.MeanOverFolds(split.ImageEmbeddings, split.SentenceEmbeddings, dim, split.SentenceImage, fold)
            : null;
        var report = new EvalReport(split.DatasetName, options.Split.ToString().ToLowerInvariant(), split.Images.Count, split.SentenceImage.Count, metrics);
        var calibration = MeasureCalibration(modelDir, split, options);
        string calibrated = calibration is null ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", calibration ECE {calibration.All.Ece:F4} (top {calibration.TopK}: {calibration.Top.Ece:F3})");
        progress?.Report(new StageFinished(JobStage.Evaluate, $"R-sum {metrics.RSum:F1}{calibrated}"));
        var sentences = split.Images.SelectMany(i => i.Captions).ToList();
        return new EvalJobResult(report, foldMean, result, split.Images, split.SentenceImage, sentences,
            split.ImageEmbeddings, split.SentenceEmbeddings, dim, calibration);
    }

    /// <summary>
    /// The model's calibration judged on the evaluated split as search applies it (<see cref="FittedCalibration.ForImages"/>),
    /// with the relevance it was fitted on, next to the split's own share of relevant pairs; null for a model without one.
    /// </summary>
    private static CalibrationQuality? MeasureCalibration(string modelDir, EncodedSplit split, EvalJobOptions options)
    {
        if (CalibrationJson.ReadIfPresent(Path.Combine(modelDir, ModelFolder.CalibrationFile)) is not { } fitted)
        {
            return null;
        }

        var relevant = CalibrateJob.RelevantImages(fitted.Relevance, split.Images, split.SentenceImage, options.DatasetPath);
        var pairs = SearchPairs.Collect(split.ImageEmbeddings, split.SentenceEmbeddings, split.Dim, relevant);
        var quality = CalibrationQuality.Measure(fitted.ForImages(split.Images.Count), pairs.All.BaseRate, pairs,
            relevance: fitted.Relevance);
        return options.LeaveOut.Count + options.LeaveOutScenes.Count == 0 ? quality
            : quality with { LeftOut = MeasureLeftOut(fitted, split, relevant, options) };
    }

    /// <summary>The split searched without the images under the left-out folders and scenes; every query still asked.</summary>
    private static Answerability MeasureLeftOut(FittedCalibration fitted, EncodedSplit split, int[][] relevant, EvalJobOptions options)
    {
        bool[] kept = [.. LeftOutImages(split.Images, options).Select(left => !left)];
        int keptCount = kept.Count(k => k);
        var leftOut = options.LeaveOut.Concat(options.LeaveOutScenes.Select(s => $"scenes: {s}")).ToList();
        if (keptCount == split.Images.Count || keptCount == 0)
        {
            throw new ArgumentException(
                $"Leaving out {string.Join(", ", leftOut)} leaves {(keptCount == 0 ? "no image" : "every image")} of the split; name folders or scenes that hold some of its images.");
        }

        int[] newIndex = new int[kept.Length];
        float[] images = new float[keptCount * split.Dim];
        for (int i = 0, at = 0; i < kept.Length; i++)
        {
            newIndex[i] = kept[i] ? at : -1;
            if (kept[i])
            {
                split.ImageEmbeddings.AsSpan(i * split.Dim, split.Dim).CopyTo(images.AsSpan(at * split.Dim));
                at++;
            }
        }

        var keptRelevant = relevant.Select(r => (IReadOnlyList<int>)[.. r.Where(i => kept[i]).Select(i => newIndex[i])]).ToList();
        return Answerability.Measure(images, split.SentenceEmbeddings, split.Dim, keptRelevant, fitted.ForImages(keptCount), leftOut);
    }

    /// <summary>Per image of the split: whether it is under a left-out folder or its scene is one a left-out sentence is true of.</summary>
    private static bool[] LeftOutImages(IReadOnlyList<CaptionedImage> images, EvalJobOptions options)
    {
        var segments = options.LeaveOut.Select(f => "/" + f.Trim('/').Replace('\\', '/') + "/").ToList();
        bool[] left = [.. images.Select(i => segments.Any(s => i.ImagePath.Replace('\\', '/').Contains(s, StringComparison.Ordinal)))];
        if (options.LeaveOutScenes.Count == 0)
        {
            return left;
        }

        string scenesPath = SceneFacts.BesideDataset(options.DatasetPath)
            ?? throw new ArgumentException($"--leave-out-scenes needs the {SceneFacts.FileName} that `itm data prepare synthetic` writes beside {options.DatasetPath}; there is none.");
        var scenes = SceneFacts.Read(scenesPath);
        var lexicon = SceneLexicon.Of(scenes);
        var claims = options.LeaveOutScenes.Select(s => SceneSentence.Parse(s, lexicon)
            ?? throw new ArgumentException($"--leave-out-scenes \"{s}\" names no object these scenes hold (shapes: {string.Join(", ", lexicon.Shapes.Order())}; colours: {string.Join(", ", lexicon.Colours.Order())}).")).ToList();
        var shown = SceneRelevance.Shown(images, scenes);
        for (int i = 0; i < images.Count; i++)
        {
            left[i] |= claims.Any(c => c.IsTrueOf(shown[i]));
        }

        return left;
    }
}
