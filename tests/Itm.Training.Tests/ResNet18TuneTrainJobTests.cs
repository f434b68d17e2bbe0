using Itm.Data.Recipes;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Training.Jobs;
using Itm.Model.TextEncoders;

namespace Itm.Training.Tests;

/// <summary>
/// --image resnet18tune end to end on tiny generated scenes: the last block's input extracted once, the block trained
/// from its pretrained weights, and a model folder that loads back to the same scores.
/// </summary>
[Collection("Sequential")]
public sealed class ResNet18TuneTrainJobTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-resnet18tune-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_tiny_resnet18tune_model_trains_saves_and_loads_back_to_the_same_scores()
    {
        // Given 24 generated scenes (16 train, 4 val, 4 test) with 2 captions each
        var dataset = new SyntheticRecipe(new SyntheticOptions(
            Path.Combine(root, "data"), ImageCount: 24, ValCount: 4, TestCount: 4, ImageSize: 32, CaptionsPerImage: 2)).Run();
        string modelDir = Path.Combine(root, "model");
        string cacheDir = Path.Combine(root, "cache");

        // When a resnet18tune model is trained for two epochs
        var result = TrainJob.Run(new TrainJobOptions
        {
            DatasetPath = dataset.DatasetPath,
            OutDir = modelDir,
            CacheDir = cacheDir,
            Model = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip }, Image = new ImageEncoderOptions { Model = ResNet18TuneSpec.ResNet18Tune, HiddenDim = 16 } },
            Trainer = new TrainerOptions { Epochs = 2, BatchSize = 8 },
        });

        // Then it trained on the block's input, which the manifest pins apart from the pooled features
        Assert.Equal(2, result.Training.History.Epochs.Count);
        Assert.All(result.Training.History.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss), $"epoch {e.Epoch} loss {e.TrainLoss}"));
        var manifest = ModelFolder.ReadManifest(modelDir);
        Assert.Equal(ResNet18TuneSpec.ResNet18Tune, manifest.Joint.Image.Model);
        Assert.Equal("resnet18-block-input", manifest.ImageInput.Extractor);
        Assert.Equal([512, 7, 7], manifest.ImageInput.Shape);
        Assert.Contains(manifest.StateDict, key => key.StartsWith("image.conv2.weight [512,512,3,3]", StringComparison.Ordinal));

        // And evaluating the saved folder gives the figures the job measured
        var eval = EvalJob.Run(new EvalJobOptions { ModelDir = modelDir, DatasetPath = dataset.DatasetPath, CacheDir = cacheDir });
        Assert.Equal(result.Test!.RSum, eval.Report.RSum, 3);
        Assert.Equal(result.Test.ImageToText.R1, eval.Report.ImageToText.R1, 3);

        // And the block started from the pretrained file, whose normalisation statistics training left untouched
        var options = new ResNet18Options();
        var file = Path.Combine(options.ModelDirectory, options.ModelFile);
        var pretrained = ResNet18LastBlock.Read(File.ReadAllBytes(file), file);
        using var loaded = ModelFolder.Load(modelDir);
        var state = loaded.Model.state_dict();
        Assert.Equal(pretrained.First.Norm.Mean, state["image.norm1.running_mean"].data<float>().ToArray());
        Assert.Equal(pretrained.Second.Norm.Mean, state["image.norm2.running_mean"].data<float>().ToArray());
        Assert.NotEqual(pretrained.Second.Norm.Scale, state["image.norm2.weight"].data<float>().ToArray());   // while the affine trained

        // And the block's learning rate is its own: with a vanishing scale the pretrained kernel stays put, the head still learns
        string frozenDir = Path.Combine(root, "model-small-block-rate");
        TrainJob.Run(new TrainJobOptions
        {
            DatasetPath = dataset.DatasetPath,
            OutDir = frozenDir,
            CacheDir = cacheDir,
            Model = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip }, Image = new ImageEncoderOptions { Model = ResNet18TuneSpec.ResNet18Tune, HiddenDim = 16 } },
            Trainer = new TrainerOptions { Epochs = 2, BatchSize = 8, PretrainedLearningRateScale = 1e-6 },
        });
        using var small = ModelFolder.Load(frozenDir);
        Assert.True(MaxChange(pretrained.Second.Weight.Values, state["image.conv2.weight"]) > 1e-6);
        Assert.True(MaxChange(pretrained.Second.Weight.Values, small.Model.state_dict()["image.conv2.weight"]) < 1e-7);
    }

    private static double MaxChange(float[] before, TorchSharp.torch.Tensor after) =>
        before.Zip(after.data<float>().ToArray(), (a, b) => Math.Abs(a - b)).Max();
}
