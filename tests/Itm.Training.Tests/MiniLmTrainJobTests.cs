using Itm.Data;
using Itm.Data.Recipes;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Training.Jobs;
using Itm.Model.TextEncoders;
using Itm.Model.ImageEncoders;

namespace Itm.Training.Tests;

/// <summary>
/// --text minilm end to end on tiny generated scenes: sentence vectors computed once per job, a model folder that
/// names the encoder, and a folder that loads back to the same scores and encodes raw sentences.
/// </summary>
[Collection("Sequential")]
public sealed class MiniLmTrainJobTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-minilm-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_tiny_minilm_model_trains_saves_and_loads_back_to_the_same_scores()
    {
        // Given 30 generated scenes (18 train, 6 val, 6 test) with 2 captions each
        var dataset = new SyntheticRecipe(new SyntheticOptions(
            Path.Combine(root, "data"), ImageCount: 30, ValCount: 6, TestCount: 6, ImageSize: 32, CaptionsPerImage: 2)).Run();
        string modelDir = Path.Combine(root, "model");
        string cacheDir = Path.Combine(root, "cache");

        // When a minilm model is trained for two epochs
        var events = new List<JobEvent>();
        var result = TrainJob.Run(
            new TrainJobOptions
            {
                DatasetPath = dataset.DatasetPath,
                OutDir = modelDir,
                CacheDir = cacheDir,
                Model = new JointEmbeddingOptions
                {
                    Dim = 16,
                    Text = new TextEncoderOptions { Model = SentenceVectorMlpSpec.MiniLm, HiddenDim = 32 },
                    Image = new ImageEncoderOptions { Model = ConvNetSpec.ConvNet, PixelSize = 32, HiddenDim = 16 },
                },
                Trainer = new TrainerOptions { Epochs = 2, BatchSize = 12 },
            },
            new InlineProgress<JobEvent>(events.Add));

        // Then every sentence went through MiniLM in one pass before training, and the epochs ran on the vectors
        var encoding = Assert.Single(events.OfType<StageStarted>(), e => e.Stage == JobStage.EncodeText);
        Assert.Equal(60, encoding.Total);
        Assert.Contains("encoded at", Assert.Single(events.OfType<StageFinished>(), e => e.Stage == JobStage.EncodeText).Summary);
        Assert.Equal(2, result.Training.History.Epochs.Count);

        // And the folder names the encoder instead of holding a featurizer
        Assert.False(File.Exists(Path.Combine(modelDir, ModelFolder.FeaturizerFile)));
        var manifest = ModelFolder.ReadManifest(modelDir);
        Assert.Equal(SentenceVectorMlpSpec.MiniLm, manifest.Joint.Text.Model);
        Assert.StartsWith("minilm-", manifest.TextFeaturizerHash, StringComparison.Ordinal);

        // And evaluating the saved folder gives the figures the job measured, with the test sentences from the cache
        var evalEvents = new List<JobEvent>();
        var eval = EvalJob.Run(new EvalJobOptions { ModelDir = modelDir, DatasetPath = dataset.DatasetPath, CacheDir = cacheDir },
            new InlineProgress<JobEvent>(evalEvents.Add));
        Assert.Equal(result.Test!.RSum, eval.Report.RSum, 3);
        Assert.DoesNotContain("encoded", Assert.Single(evalEvents.OfType<StageFinished>(), e => e.Stage == JobStage.EncodeText).Summary);

        // And raw sentences encode through the loaded model exactly like the evaluated captions
        using var loaded = ModelFolder.Load(modelDir);
        var caption = eval.Sentences[3].Raw;
        float[] vector = loaded.EncodeSentences([caption, "a small red circle"]);
        Assert.Equal(2 * 16, vector.Length);
        for (int d = 0; d < 16; d++)
        {
            Assert.Equal(eval.SentenceEmbeddings[(3 * 16) + d], vector[d], 5);
        }
    }
}
