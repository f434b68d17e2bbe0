using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Itm.Data;
using Itm.Data.IO;
using Itm.Data.Readers;
using Itm.Evaluation;
using Itm.Evaluation.Calibration;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Training.Checkpoints;
using static TorchSharp.torch;

namespace Itm.Training.Jobs;

/// <summary>What a finished training run produced.</summary>
public sealed record TrainJobResult(string ModelDir, TrainingResult Training, EvalReport? Test);

/// <summary>
/// Dataset in, model folder out: read the dataset, extract (cached) image inputs, build the text featurizer from
/// the training split (or run every sentence once through the pretrained MiniLM, cached), train with checkpoints
/// in <c>OUT/checkpoint</c>, evaluate on the test split, calibrate search scores on the validation split, and save
/// the model folder with its history, plot and calibration.
/// </summary>
public static class TrainJob
{
    public const string HistoryFile = "history.json";
    public const string PlotFile = "history.png";
    public const string TestEvalFile = "eval-test.json";

    /// <summary>The folder of a model folder where an unfinished run keeps its checkpoints (a finished run leaves the last one).</summary>
    public const string CheckpointFolder = "checkpoint";

    /// <exception cref="StorageFailureException">The disk refused a write to the model folder: full, or read-only.</exception>
    public static TrainJobResult Run(TrainJobOptions options, IProgress<JobEvent>? progress = null, CancellationToken cancellation = default) =>
        StorageFailureException.Guard(options.OutDir, "the model folder", () => RunUnguarded(options, progress, cancellation));

    private static TrainJobResult RunUnguarded(TrainJobOptions options, IProgress<JobEvent>? progress, CancellationToken cancellation)
    {
        options.Trainer.Validate();
        progress?.Report(new StageStarted(JobStage.ReadDataset, $"Reading {options.DatasetPath}"));
        var read = DatasetLoader.LoadWithReport(options.DatasetPath, options.ReadOptions);
        var dataset = read.Dataset;
        string datasetFingerprint = DatasetFingerprint.Of(dataset);
        progress?.Report(new StageFinished(JobStage.ReadDataset,
            $"{dataset.Name}: {dataset.InSplit(Split.Train).Count} train / {dataset.InSplit(Split.Val).Count} val / {dataset.InSplit(Split.Test).Count} test images, {dataset.SentenceCount} sentences{SkippedNote(read.Report)}"));

        using var init = options.InitFrom is null ? null : FineTuning.Load(options);
        using var imageSource = ImageInputSource.Create(options.Model.Image, options.CacheDir);
        if (init is not null)
        {
            FineTuning.CheckImageInputs(init, imageSource);
        }

        var (inputs, readable) = JobInputs.LoadImages(imageSource, dataset.Images, options.ReadOptions.SkipInvalid, progress, cancellation);
        var train = readable.Where(i => i.Split == Split.Train).ToList();
        var val = readable.Where(i => i.Split == Split.Val).ToList();
        var test = readable.Where(i => i.Split == Split.Test).ToList();
        if (train.Count < 2)
        {
            throw new ArgumentException($"{options.DatasetPath} has {train.Count} usable training images; training needs at least 2.");
        }

        // A fine-tuned model reads sentences as its initial model does: the same featurizer ids (and new ones for new
        // words) or pretrained encoder.
        var text = init is null ? JobInputs.CreateText(options.Model.Text, train, progress) : FineTuning.Text(init, options, train, progress);
        using var ownedText = ReferenceEquals(text, init?.Text) ? null : text;
        var sentences = JobInputs.LoadTexts(text, readable, options.CacheDir, progress, cancellation);
        using var trainData = JobInputs.SplitData(readable, inputs, sentences, Split.Train);
        using var valData = val.Count > 0 ? JobInputs.SplitData(readable, inputs, sentences, Split.Val) : null;

        manual_seed(options.Trainer.Seed);
        using var model = JointEmbeddingFactory.Create(options.Model, text.FeatureCount, inputs.Shape, imageSource.PretrainedBlock);
        if (init is not null)
        {
            FineTuning.CopyWeights(init, model);
        }

        string? initWeights = init is null ? null : FineTuning.WeightsHash(init, options.InitFrom!);
        string fingerprint = Fingerprint(options, datasetFingerprint, text.Hash, imageSource.Fingerprint, initWeights);
        var checkpoints = new CheckpointStore(Path.Combine(options.OutDir, CheckpointFolder));
        string from = init is null ? string.Empty : $" from {options.InitFrom}";
        progress?.Report(new StageStarted(JobStage.Train, $"Training {options.Model.Text.Model.Name} × {imageSource.Name}{from}"));
        var result = Trainer.Run(model, trainData, valData, options.Trainer, checkpoints, fingerprint,
            new InlineProgress<TrainingEvent>(e => progress?.Report(new TrainingProgressed(e))), cancellation);
        progress?.Report(new StageFinished(JobStage.Train, $"best epoch {result.BestEpoch}, validation R-sum {result.BestRSum:F1}"));

        EvalReport? testReport = null;
        if (options.EvaluateTest && test.Count > 0)
        {
            progress?.Report(new StageStarted(JobStage.Evaluate, "Evaluating on the test split"));
            using var testData = JobInputs.SplitData(readable, inputs, sentences, Split.Test);
            var metrics = Trainer.Validate(model, testData);
            testReport = new EvalReport(dataset.Name, "test", test.Count, testData.Sentences.Count, metrics);
            EvalReportJson.Write(testReport, Path.Combine(options.OutDir, TestEvalFile));
            progress?.Report(new StageFinished(JobStage.Evaluate, $"test R-sum {metrics.RSum:F1}"));
        }

        var calibration = valData is null ? null : Calibrate(model, valData, val, dataset.Name, options.Model.Dim,
            CalibrateJob.RelevanceFor(options.DatasetPath, options.Relevance), options.DatasetPath, progress);

        progress?.Report(new StageStarted(JobStage.Save, $"Writing {options.OutDir}"));
        var manifest = new ModelManifest
        {
            Joint = options.Model,
            ImageInput = new ImageInputInfo(imageSource.Name, imageSource.Fingerprint, inputs.Shape),
            TextFeaturizerHash = text.Hash,
            TextFeatureCount = text.FeatureCount,
            StateDict = [],
            Dataset = new DatasetInfo(dataset.Name, Path.GetFullPath(options.DatasetPath), datasetFingerprint, train.Count, trainData.Sentences.Count),
            Training = TrainingRecord(options, initWeights),
            Metrics = Metrics(result, testReport),
        };
        ModelFolder.Save(options.OutDir, model, manifest, text);
        if (calibration is not null)
        {
            CalibrationJson.Write(calibration, Path.Combine(options.OutDir, ModelFolder.CalibrationFile));
        }

        result.History.Save(Path.Combine(options.OutDir, HistoryFile));
        HistoryPlot.Write(result.History, Path.Combine(options.OutDir, PlotFile));
        progress?.Report(new StageFinished(JobStage.Save, options.OutDir));
        return new TrainJobResult(options.OutDir, result, testReport);
    }

    /// <summary>
    /// The calibration of search scores on the validation split, fitted with the best weights (what the folder saves);
    /// null when the split has fewer than 2 images, which leave no irrelevant pair to learn from.
    /// </summary>
    private static FittedCalibration? Calibrate(
        JointEmbeddingModel model, TrainingData val, IReadOnlyList<CaptionedImage> valImages, string dataset, int dim,
        CalibrationRelevance relevance, string datasetPath, IProgress<JobEvent>? progress)
    {
        if (val.ImageCount < 2)
        {
            return null;
        }

        progress?.Report(new StageStarted(JobStage.Calibrate, "Calibrating search scores on the validation split"));
        var pairs = SearchPairs.Collect(Embedder.EncodeImages(model, val.Images), Embedder.EncodeTexts(model, val.Sentences), dim,
            CalibrateJob.RelevantImages(relevance, valImages, val.SentenceImage, datasetPath));
        var fitted = FittedCalibration.FitOn(pairs, CalibrationMethod.Auto, dataset, "val", val.ImageCount, val.Sentences.Count, relevance);
        progress?.Report(new StageFinished(JobStage.Calibrate, CalibrateJob.Summary(fitted)));
        return fitted;
    }

    private static string SkippedNote(ReadReport report) =>
        report.TotalSkipped == 0 ? string.Empty : $" ({report.TotalSkipped} items skipped: {report})";

    private static JsonObject Metrics(TrainingResult result, EvalReport? test)
    {
        var metrics = new JsonObject
        {
            ["bestEpoch"] = result.BestEpoch,
            ["validationRSum"] = double.IsFinite(result.BestRSum) ? result.BestRSum : null,
        };
        if (test is not null)
        {
            metrics["test"] = JsonNode.Parse(EvalReportJson.Serialize(test));
        }

        return metrics;
    }

    /// <summary>The trainer's options, and for a fine-tuned model the folder and weights it started from.</summary>
    /// <summary>
    /// Deletes a finished model folder's checkpoint (what `itm base build` does before shipping: the model is whole
    /// without it, and it holds the optimiser state, twice the weights).
    /// </summary>
    public static void DropCheckpoint(string modelDir)
    {
        string checkpoint = Path.Combine(modelDir, CheckpointFolder);
        if (Directory.Exists(checkpoint))
        {
            Directory.Delete(checkpoint, recursive: true);
        }
    }

    private static JsonObject TrainingRecord(TrainJobOptions options, string? initWeights)
    {
        var record = JsonSerializer.SerializeToNode(options.Trainer, ModelFolder.Json)!.AsObject();
        if (initWeights is not null)
        {
            record["initFrom"] = new JsonObject
            {
                ["path"] = ModelFolder.Locate(options.InitFrom!),
                ["weightsSha256"] = initWeights,
                ["features"] = options.InitFeatures.ToString().ToLowerInvariant(),
            };
        }

        return record;
    }

    /// <summary>What a checkpoint must have been trained with to be resumed; a fine-tuned run adds its initial weights.</summary>
    private static string Fingerprint(TrainJobOptions options, string datasetFingerprint, string textHash, string imageFingerprint, string? initWeights)
    {
        IEnumerable<string> parts =
        [
            JsonSerializer.Serialize(options.Model, ModelFolder.Json),
            JsonSerializer.Serialize(options.Trainer with { Epochs = 0 }, ModelFolder.Json),
            datasetFingerprint, textHash, imageFingerprint,
        ];
        string text = string.Join('\n', initWeights is null ? parts : parts.Append($"init {initWeights}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
