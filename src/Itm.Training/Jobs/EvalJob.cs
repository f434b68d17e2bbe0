using Itm.Data;
using Itm.Data.Readers;
using Itm.Evaluation;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
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
}

/// <summary>
/// The evaluated split with everything needed to show examples: the report, the per-query ranks,
/// and the embeddings (row-major N × D and M × D) of its images and sentences.
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
    int Dim);

/// <summary>
/// The evaluation protocol of DESIGN.md on a model folder: encode every image and every sentence of
/// the split once, score all pairs, compute R@K, MedR and MeanR in both directions.
/// </summary>
public static class EvalJob
{
    public static EvalJobResult Run(EvalJobOptions options, IProgress<JobEvent>? progress = null, CancellationToken cancellation = default)
    {
        using var loaded = ModelFolder.Load(options.ModelDir);
        progress?.Report(new StageStarted(JobStage.ReadDataset, $"Reading {options.DatasetPath}"));
        var dataset = DatasetLoader.Load(options.DatasetPath, options.ReadOptions);
        var inSplit = dataset.InSplit(options.Split);
        if (inSplit.Count == 0)
        {
            throw new ArgumentException($"{options.DatasetPath} has no images in the {options.Split.ToString().ToLowerInvariant()} split.");
        }

        progress?.Report(new StageFinished(JobStage.ReadDataset, $"{dataset.Name} {options.Split.ToString().ToLowerInvariant()}: {inSplit.Count} images"));

        using var source = ImageInputSource.ForModel(loaded.Manifest, options.CacheDir);
        var (inputs, images) = JobInputs.LoadImages(source, inSplit, options.ReadOptions.SkipInvalid, progress, cancellation);

        var texts = JobInputs.LoadTexts(loaded.Text, images, options.CacheDir, progress, cancellation);

        progress?.Report(new StageStarted(JobStage.Evaluate, "Encoding and scoring"));
        using var data = JobInputs.SplitData(images, inputs, texts, options.Split);
        float[] imageEmbeddings = Embedder.EncodeImages(loaded.Model, data.Images);
        float[] sentenceEmbeddings = Embedder.EncodeTexts(loaded.Model, data.Sentences);
        int dim = loaded.Manifest.Joint.Dim;
        var result = RankMetrics.FromEmbeddings(imageEmbeddings, sentenceEmbeddings, dim, data.SentenceImage);
        var metrics = result.Metrics;
        RetrievalMetrics? foldMean = options.FoldSize is int fold && fold < images.Count
            ? RankMetrics.MeanOverFolds(imageEmbeddings, sentenceEmbeddings, dim, data.SentenceImage, fold)
            : null;
        var report = new EvalReport(dataset.Name, options.Split.ToString().ToLowerInvariant(), images.Count, data.Sentences.Count, metrics);
        progress?.Report(new StageFinished(JobStage.Evaluate, $"R-sum {metrics.RSum:F1}"));
        var sentences = images.SelectMany(i => i.Captions).ToList();
        return new EvalJobResult(report, foldMean, result, images, data.SentenceImage, sentences, imageEmbeddings, sentenceEmbeddings, dim);
    }
}
