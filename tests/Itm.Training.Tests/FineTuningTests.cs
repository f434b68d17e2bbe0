using Itm.Data.Recipes;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.TextEncoders;
using Itm.Training.Jobs;

namespace Itm.Training.Tests;

/// <summary>
/// A run that starts from a trained model's weights: it starts exactly where that model ended, keeps its text
/// featurizer, records where it came from, and refuses a model it cannot load the weights into.
/// </summary>
[Collection("Sequential")]
public sealed class FineTuningTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-finetune-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_fine_tuned_run_starts_from_the_initial_weights_and_keeps_its_featurizer()
    {
        // Given a model trained on one set of scenes, and other scenes (other words in other orders) to fine-tune on
        var first = Scenes("first", seed: 1);
        var second = Scenes("second", seed: 2);
        var model = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32 }, Image = new() { HiddenDim = 32 } };
        var initial = TrainJob.Run(Options(first, "initial", model, new TrainerOptions { Epochs = 3, BatchSize = 8 }));

        // When a run starts from it with steps too small to move any weight
        var tuned = TrainJob.Run(Options(second, "tuned", FineTuning.ModelOptions(initial.ModelDir), new TrainerOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-12 })
            with { InitFrom = initial.ModelDir });

        // Then its weights are the initial ones, its featurizer is the initial one (not one built from the new scenes),
        // and its manifest says where it started
        using var a = ModelFolder.Load(initial.ModelDir);
        using var b = ModelFolder.Load(tuned.ModelDir);
        foreach (var (key, value) in a.Model.state_dict())
        {
            float difference = (value - b.Model.state_dict()[key]).abs().max().item<float>();
            Assert.True(difference < 1e-6f, $"{key} moved by {difference}");
        }

        Assert.Equal(a.Manifest.TextFeaturizerHash, b.Manifest.TextFeaturizerHash);
        Assert.Equal(Path.GetFullPath(initial.ModelDir), b.Manifest.Training!["initFrom"]!["path"]!.GetValue<string>());
        Assert.Equal(a.Manifest.WeightsSha256, b.Manifest.Training!["initFrom"]!["weightsSha256"]!.GetValue<string>());
    }

    [Fact]
    public void A_run_whose_modules_differ_from_the_initial_model_is_refused_naming_both()
    {
        var scenes = Scenes("scenes", seed: 3);
        var bow = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32 }, Image = new() { HiddenDim = 32 } };
        var initial = TrainJob.Run(Options(scenes, "initial", bow, new TrainerOptions { Epochs = 1, BatchSize = 8 }));

        var sse = bow with { Text = bow.Text with { Model = SequenceEncoderSpec.Sse } };
        var error = Assert.Throws<ArgumentException>(() => TrainJob.Run(Options(scenes, "tuned", sse, new TrainerOptions { Epochs = 1, BatchSize = 8 }) with { InitFrom = initial.ModelDir }));

        Assert.Contains("sse × resnet18", error.Message);
        Assert.Contains("bow × resnet18", error.Message);
        Assert.Contains(initial.ModelDir, error.Message);
    }

    private string Scenes(string name, int seed) =>
        new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, name), Seed: seed, ImageCount: 40, ValCount: 8, TestCount: 8, ImageSize: 32)).Run().DatasetPath;

    private TrainJobOptions Options(string dataset, string outDir, JointEmbeddingOptions model, TrainerOptions trainer) => new()
    {
        DatasetPath = dataset,
        OutDir = Path.Combine(root, outDir),
        CacheDir = Path.Combine(root, "cache"),
        Model = model,
        Trainer = trainer,
    };
}
