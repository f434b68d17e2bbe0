using Itm.Data;
using Itm.Data.Images;
using Itm.Data.Readers;
using Itm.Data.Recipes;
using Itm.Model.JointEmbedding;
using Itm.Training.Jobs;
using Itm.Model.TextEncoders;

namespace Itm.Training.Tests;

/// <summary>
/// The whole training job on tiny generated scenes with the pretrained ResNet18 features: it must
/// learn something that holds on unseen test images, well above chance.
/// </summary>
[Collection("Sequential")]
public sealed class TrainJobEndToEndTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-trainjob-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Training_on_tiny_synthetic_scenes_beats_chance_on_the_test_split()
    {
        // Given 160 generated scenes (120 train, 20 val, 20 test) with 5 captions each
        var dataset = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "data"), ImageCount: 160, ValCount: 20, TestCount: 20, ImageSize: 64)).Run();

        // When the default text model is trained for a few epochs
        var result = TrainJob.Run(new TrainJobOptions
        {
            DatasetPath = dataset.DatasetPath,
            OutDir = Path.Combine(root, "model"),
            CacheDir = Path.Combine(root, "cache"),
            Model = new JointEmbeddingOptions { Dim = 64, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip } },
            Trainer = new TrainerOptions { Epochs = 12, BatchSize = 32 },
        });

        // Then on the 20 unseen test images it is far above chance: a random ranking of 20 images
        // scores R@1 ≈ 5% and R@5 ≈ 25% in both directions (R-sum ≈ 150).
        var test = Assert.IsType<Evaluation.EvalReport>(result.Test);
        Assert.Equal(20, test.Images);
        Assert.True(test.TextToImage.R1 > 15, $"t2i R@1 {test.TextToImage.R1}");
        Assert.True(test.ImageToText.R1 > 15, $"i2t R@1 {test.ImageToText.R1}");
        Assert.True(test.RSum > 250, $"R-sum {test.RSum}");
    }

    [Fact]
    public void An_unreadable_image_stops_the_run_naming_the_file_unless_skipping_was_asked_for()
    {
        // Given a dataset in which one training image is not an image at all
        var dataset = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "data"), ImageCount: 24, ValCount: 4, TestCount: 4, ImageSize: 32)).Run();
        string broken = dataset.Dataset.InSplit(Split.Train)[0].ImagePath;
        File.WriteAllText(broken, "not a png");
        TrainJobOptions Options(bool skip) => new()
        {
            DatasetPath = dataset.DatasetPath,
            ReadOptions = new DatasetReadOptions { SkipInvalid = skip },
            OutDir = Path.Combine(root, skip ? "skipped" : "strict"),
            CacheDir = Path.Combine(root, "cache"),
            Model = new Model.JointEmbedding.JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip }, Image = new() { Model = Model.ImageEncoders.ConvNetSpec.ConvNet, PixelSize = 32 } },
            Trainer = new TrainerOptions { Epochs = 1, BatchSize = 8 },
        };

        // When training without skipping, the error names the file
        var error = Assert.Throws<ImageLoadException>(() => TrainJob.Run(Options(skip: false)));
        Assert.Contains(Path.GetFileName(broken), error.Message);

        // When skipping, the run completes without that image and says so
        var events = new List<JobEvent>();
        var result = TrainJob.Run(Options(skip: true), new InlineProgress<JobEvent>(events.Add));
        var extracted = events.OfType<StageFinished>().Single(e => e.Stage == JobStage.ExtractImages);
        Assert.Contains("1 unreadable skipped", extracted.Summary);
        Assert.Contains(Path.GetFileName(broken), extracted.Summary);
        Assert.Equal(4, result.Test!.Images);
    }
}
