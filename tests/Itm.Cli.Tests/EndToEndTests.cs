using System.Text.Json;

namespace Itm.Cli.Tests;

/// <summary>
/// The whole pipeline in-process on tiny generated data: prepare a synthetic dataset, train, evaluate,
/// and check the model folder and the JSON contract.
/// </summary>
[Collection("Sequential")]
public sealed class EndToEndTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-e2e-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Prepare_train_and_eval_a_convnet_model_reproduces_its_scores_from_the_model_folder()
    {
        string data = Path.Combine(root, "synthetic");
        string model = Path.Combine(root, "model");
        string cache = Path.Combine(root, "cache");
        string json = Path.Combine(root, "eval.json");

        var prepare = CliRunner.Run("data", "prepare", "synthetic", "--out", data, "--count", "48");
        Assert.True(prepare.ExitCode == 0, prepare.Output);

        var train = CliRunner.Run("train", "--data", Path.Combine(data, "dataset.json"), "--out", model, "--cache", cache,
            "--text", "ngram-3+skip", "--image", "convnet", "--pixels", "32", "--epochs", "2", "--batch", "16", "--dim", "32");
        Assert.True(train.ExitCode == 0, train.Output);
        foreach (string file in new[] { "model.json", "weights.dat", "text-features.json", "history.json", "history.png", "eval-test.json", "calibration.json" })
        {
            Assert.True(File.Exists(Path.Combine(model, file)), $"{file} missing from the model folder");
        }

        var eval = CliRunner.Run("eval", "--model", model, "--data", Path.Combine(data, "dataset.json"), "--cache", cache, "--json", json);
        Assert.True(eval.ExitCode == 0, eval.Output);

        using var written = JsonDocument.Parse(File.ReadAllText(json));
        var top = written.RootElement;
        Assert.Equal("synthetic", top.GetProperty("dataset").GetString());
        Assert.Equal("test", top.GetProperty("split").GetString());
        Assert.Equal(8, top.GetProperty("images").GetInt32());
        foreach (string direction in new[] { "i2t", "t2i" })
        {
            var d = top.GetProperty(direction);
            foreach (string key in new[] { "r1", "r5", "r10", "medr", "meanr" })
            {
                Assert.True(d.TryGetProperty(key, out _), $"{direction}.{key} missing");
            }
        }

        // The model folder reproduces the scores the training run measured on the same split.
        using var atTraining = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "eval-test.json")));
        Assert.Equal(atTraining.RootElement.GetProperty("rsum").GetDouble(), top.GetProperty("rsum").GetDouble(), 6);

        // Training calibrated the scores on the validation split; eval judges the calibration on the test split.
        Assert.Contains("calibration on", train.Output);
        Assert.Contains("ECE", eval.Output);
        var calibration = top.GetProperty("calibration");
        Assert.Equal(8 * top.GetProperty("sentences").GetInt32(), calibration.GetProperty("all").GetProperty("pairs").GetInt32());
        Assert.InRange(calibration.GetProperty("all").GetProperty("ece").GetDouble(), 0, 1);
    }

    [Fact]
    public void Calibrate_refits_an_old_models_calibration_and_eval_draws_its_reliability()
    {
        string data = Path.Combine(root, "synthetic");
        string model = Path.Combine(root, "model");
        string cache = Path.Combine(root, "cache");
        string dataset = Path.Combine(data, "dataset.json");
        string plot = Path.Combine(root, "reliability.png");
        Assert.Equal(0, CliRunner.Run("data", "prepare", "synthetic", "--out", data, "--count", "48").ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "--data", dataset, "--out", model, "--cache", cache,
            "--image", "convnet", "--pixels", "32", "--epochs", "1", "--batch", "16", "--dim", "16").ExitCode);
        // A model from before calibration existed.
        File.Delete(Path.Combine(model, "calibration.json"));
        var uncalibrated = CliRunner.Run("eval", "--model", model, "--data", dataset, "--cache", cache, "--reliability", plot);
        Assert.True(uncalibrated.ExitCode == 2, uncalibrated.Output);
        Assert.Contains("itm calibrate", uncalibrated.Output);

        var calibrate = CliRunner.Run("calibrate", "--model", model, "--data", dataset, "--cache", cache, "--method", "isotonic");
        Assert.True(calibrate.ExitCode == 0, calibrate.Output);
        var eval = CliRunner.Run("eval", "--model", model, "--data", dataset, "--cache", cache, "--reliability", plot);

        Assert.True(eval.ExitCode == 0, eval.Output);
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "calibration.json")));
        Assert.Equal("isotonic", written.RootElement.GetProperty("method").GetString());
        Assert.Equal("val", written.RootElement.GetProperty("fittedOn").GetProperty("split").GetString());
        Assert.Contains("--min-precision", eval.Output);
        Assert.True(new FileInfo(plot).Length > 5_000);
        // A synthetic dataset: its scenes.json decides exactly which images answer a sentence.
        Assert.Equal("scenes", written.RootElement.GetProperty("fittedOn").GetProperty("relevance").GetString());
        Assert.Equal(2, written.RootElement.GetProperty("formatVersion").GetInt32());
        var bad = CliRunner.Run("calibrate", "--model", model, "--data", dataset, "--method", "best");
        Assert.Equal(2, bad.ExitCode);

        // The old relevance on request; a relevance that is none is bad usage naming the option.
        var sameImage = CliRunner.Run("calibrate", "--model", model, "--data", dataset, "--cache", cache, "--relevance", "same-image");
        Assert.True(sameImage.ExitCode == 0, sameImage.Output);
        Assert.Contains("same-image", File.ReadAllText(Path.Combine(model, "calibration.json")));
        var badRelevance = CliRunner.Run("calibrate", "--model", model, "--data", dataset, "--relevance", "similar");
        Assert.Equal(2, badRelevance.ExitCode);
        Assert.Contains("--relevance", badRelevance.Output);

        // Scenes left out: the queries they alone answered become unanswerable; a sentence naming no shape is bad usage.
        var leftOut = CliRunner.Run("eval", "--model", model, "--data", dataset, "--cache", cache, "--leave-out-scenes", "a circle");
        Assert.True(leftOut.ExitCode == 0, leftOut.Output);
        Assert.Contains("scenes: a circle", leftOut.Output);
        var unreadable = CliRunner.Run("eval", "--model", model, "--data", dataset, "--cache", cache, "--leave-out-scenes", "a red thing");
        Assert.Equal(2, unreadable.ExitCode);
        Assert.Contains("a red thing", unreadable.Output);
    }
}
