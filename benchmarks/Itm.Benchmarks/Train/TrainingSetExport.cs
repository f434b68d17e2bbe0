using System.Text.Json;
using Itm.Index.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Training;

namespace Itm.Benchmarks.Train;

/// <summary>
/// Writes what the PyTorch peer trains on, so both sides see exactly the same inputs: <c>images.npy</c> (the training
/// images' features, <c>[N, F]</c>) and <c>training-set.json</c> (feature count, each caption's ids and image, the model
/// dimensions, the options, and the batches of sentence indices in the order the trainer visits them).
/// </summary>
public static class TrainingSetExport
{
    public const string ImagesFile = "images.npy";
    public const string TrainingSetFile = "training-set.json";

    public static string Write(BenchmarkTrainingSet set, TrainBenchmarkOptions options, JointEmbeddingOptions model, TrainerOptions trainer, IReadOnlyList<int[]> batches)
    {
        string folder = Path.Combine(options.WorkDir, BenchmarkTextModels.Name(options.Text));
        Directory.CreateDirectory(folder);
        var data = set.Data;
        var features = data.Images.contiguous().data<float>().ToArray();
        using (var stream = File.Create(Path.Combine(folder, ImagesFile)))
        {
            NpyWriter.WriteHeader(stream, data.ImageCount, set.ImageFeatureDim);
            NpyWriter.WriteRow(stream, features);
        }

        var document = new
        {
            text = BenchmarkTextModels.Name(options.Text),
            warmupSteps = options.WarmupSteps,
            windowSteps = options.WindowSteps,
            windows = options.Windows,
            threads = options.Threads,
            featureCount = set.FeatureCount,
            imageCount = data.ImageCount,
            imageFeatureDim = set.ImageFeatureDim,
            model,
            trainer,
            sentenceImage = data.SentenceImage,
            sentences = data.Sentences.Select(s => s.Ids),
            batches,
        };
        File.WriteAllText(Path.Combine(folder, TrainingSetFile), JsonSerializer.Serialize(document, new JsonSerializerOptions(ModelFolder.Json) { WriteIndented = false }));
        return folder;
    }
}
