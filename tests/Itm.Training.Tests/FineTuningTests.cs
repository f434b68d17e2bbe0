using System.Text.Json.Nodes;
using Itm.Data.Recipes;
using Itm.Data.Text;
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
    public void A_fine_tuned_run_asked_to_keep_the_featurizer_starts_from_the_initial_weights_and_keeps_it()
    {
        // Given a model trained on one set of scenes, and other scenes (other words in other orders) to fine-tune on
        var first = Scenes("first", seed: 1);
        var second = Scenes("second", seed: 2);
        var model = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32 }, Image = new() { HiddenDim = 32 } };
        var initial = TrainJob.Run(Options(first, "initial", model, new TrainerOptions { Epochs = 3, BatchSize = 8 }));

        // When a run starts from it with steps too small to move any weight
        var tuned = TrainJob.Run(Options(second, "tuned", FineTuning.ModelOptions(initial.ModelDir), new TrainerOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-12 })
            with { InitFrom = initial.ModelDir, InitFeatures = InitialFeatures.Keep });

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
        Assert.Equal("keep", b.Manifest.Training!["initFrom"]!["features"]!.GetValue<string>());
    }

    [Fact]
    public void A_fine_tuned_run_gives_the_new_datas_words_rows_after_the_initial_ones()
    {
        // Given a model trained on scenes, and the same scenes captioned with one word more
        var first = Scenes("first", seed: 1);
        string zebras = WithWord(first, "zebra");
        var model = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32 }, Image = new() { HiddenDim = 32 } };
        var initial = TrainJob.Run(Options(first, "initial", model, new TrainerOptions { Epochs = 2, BatchSize = 8 }));

        // When a run starts from it (extending its featurizer, the default) with steps too small to move any weight
        var tuned = TrainJob.Run(Options(zebras, "tuned", FineTuning.ModelOptions(initial.ModelDir), new TrainerOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-12 })
            with { InitFrom = initial.ModelDir });

        // Then the new word has the next id and a row of its own that starts at zero (the model starts reading every
        // sentence as the initial one did), and every other id and weight is the initial one
        using var a = ModelFolder.Load(initial.ModelDir);
        using var b = ModelFolder.Load(tuned.ModelDir);
        var before = Assert.IsType<NGramFeaturizer>(a.Text.Featurizer);
        var after = Assert.IsType<NGramFeaturizer>(b.Text.Featurizer);
        Assert.Equal([.. before.Features, "zebra"], after.Features);
        Assert.Equal(before.FeatureCount, after.IdOf("zebra"));
        foreach (var (key, value) in a.Model.state_dict())
        {
            var grown = b.Model.state_dict()[key];
            float difference = (value - grown[..(int)value.shape[0]]).abs().max().item<float>();
            Assert.True(difference < 1e-6f, $"{key} moved by {difference}");
            if (grown.shape[0] != value.shape[0])
            {
                Assert.Equal(value.shape[0] + 1, grown.shape[0]);
                Assert.True(grown[^1].abs().max().item<float>() < 1e-6f, $"{key}'s new row does not start at zero");
            }
        }

        Assert.Equal(after.FeatureCount, b.Manifest.TextFeatureCount);
        Assert.Equal("extend", b.Manifest.Training!["initFrom"]!["features"]!.GetValue<string>());
    }

    [Fact]
    public void A_bag_of_words_fine_tuned_as_an_ngram_bag_keeps_its_word_ids_and_reads_the_new_datas_pairs()
    {
        var scenes = Scenes("scenes", seed: 4);
        var bow = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32 }, Image = new() { HiddenDim = 32 } };
        var initial = TrainJob.Run(Options(scenes, "initial", bow, new TrainerOptions { Epochs = 1, BatchSize = 8 }));

        // An n-gram bag extends the bag of words; a sequence encoder does not, so asking for one keeps the initial model's
        var asBigrams = FineTuning.ModelOptions(initial.ModelDir, text: BagOfFeaturesSpec.Bigram);
        Assert.Same(BagOfFeaturesSpec.Bigram, asBigrams.Text.Model);
        Assert.Same(BagOfFeaturesSpec.Bow, FineTuning.ModelOptions(initial.ModelDir, text: SequenceEncoderSpec.Sse).Text.Model);

        var tuned = TrainJob.Run(Options(scenes, "tuned", asBigrams, new TrainerOptions { Epochs = 1, BatchSize = 8 }) with { InitFrom = initial.ModelDir });

        using var a = ModelFolder.Load(initial.ModelDir);
        using var b = ModelFolder.Load(tuned.ModelDir);
        var words = Assert.IsType<NGramFeaturizer>(a.Text.Featurizer);
        var pairs = Assert.IsType<NGramFeaturizer>(b.Text.Featurizer);
        Assert.Equal(NGramScheme.Bigram, pairs.Scheme);
        Assert.Equal(words.Features, pairs.Features.Take(words.Features.Count));
        Assert.Contains(pairs.Features.Skip(words.Features.Count), f => f.Contains(' ', StringComparison.Ordinal));
        Assert.Equal("ngram-2", b.Manifest.Joint.Text.Model.Name);

        // Keeping the initial featurizer cannot read pairs: refused, naming both encoders
        var error = Assert.Throws<ArgumentException>(() => TrainJob.Run(Options(scenes, "kept", asBigrams, new TrainerOptions { Epochs = 1, BatchSize = 8 })
            with { InitFrom = initial.ModelDir, InitFeatures = InitialFeatures.Keep }));
        Assert.Contains("bow", error.Message);
        Assert.Contains("ngram-2", error.Message);
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

    /// <summary>A copy of the dataset beside it whose every sentence ends in <paramref name="word"/>.</summary>
    private static string WithWord(string dataset, string word)
    {
        var root = JsonNode.Parse(File.ReadAllText(dataset))!;
        foreach (var sentence in root["images"]!.AsArray().SelectMany(i => i!["sentences"]!.AsArray()))
        {
            sentence!["raw"] = $"{sentence["raw"]!.GetValue<string>()} {word}";
            sentence["tokens"]!.AsArray().Add(word);
        }

        string path = Path.Combine(Path.GetDirectoryName(dataset)!, $"with-{word}.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private TrainJobOptions Options(string dataset, string outDir, JointEmbeddingOptions model, TrainerOptions trainer) => new()
    {
        DatasetPath = dataset,
        OutDir = Path.Combine(root, outDir),
        CacheDir = Path.Combine(root, "cache"),
        Model = model,
        Trainer = trainer,
    };
}
