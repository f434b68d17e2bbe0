using System.Text.Json;
using Itm.Index.Storage;
using Itm.Model.Persistence;

namespace Itm.Cli.Tests;

/// <summary>
/// The shipped base model as a new user meets it: <c>itm index</c> without <c>--model</c> searches a folder with it,
/// <c>--model base</c> works where a model folder does, <c>itm train --init base</c> fine-tunes it, and it is never
/// refitted in place.
/// </summary>
[Collection("Sequential")]
public sealed class BaseModelCommandTests() : TinyIndexWorkspace("itm-cli-base-")
{
    [Fact]
    public void The_base_model_ships_beside_the_binary_whole()
    {
        using var loaded = ModelFolder.Load(BaseModel.Name);
        Assert.Equal(ModelFolder.HashWeights(Path.Combine(BaseModel.Folder, ModelFolder.WeightsFile)), loaded.Manifest.WeightsSha256);
        Assert.True(File.Exists(Path.Combine(BaseModel.Folder, ModelFolder.CalibrationFile)), "the base model ships its calibration");
        Assert.Equal(256, loaded.Manifest.Joint.Dim);
        // Trained on the base recipe, never on a benchmark it is measured on.
        Assert.Equal("base", loaded.Manifest.Dataset?.Name);
        Assert.True(File.Exists(Path.Combine(BaseModel.Folder, "sources", "base.json")), "the base model says what it was trained on");
    }

    [Fact]
    public void Index_without_a_model_uses_the_base_model_and_a_later_run_keeps_the_index_s_own()
    {
        var first = CliRunner.Run("index", "--images", images, "--db", db, "--cache", cache);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("13 embedded", first.Output);
        Assert.Contains("Centring image vectors on this collection", first.Output);
        Assert.Contains("(exact search, centred on the collection)", first.Output);
        using (var index = IndexReader.Open(db))
        {
            Assert.Equal(BaseModel.Folder, index.Identity.ModelDir);
            Assert.NotNull(index.State.ImageCentre);   // the base model centres a collection it never saw
        }

        string uncentred = Path.Combine(root, "uncentred-db");
        Assert.Equal(0, CliRunner.Run("index", "--images", images, "--db", uncentred, "--cache", cache, "--centre", "none").ExitCode);
        using (var index = IndexReader.Open(uncentred))
        {
            Assert.Null(index.State.ImageCentre);
        }

        var search = CliRunner.Run("search", "--db", db, "a red square", "-k", "3", "--json");
        Assert.True(search.ExitCode == 0, search.Output);
        using (var json = JsonDocument.Parse(search.Output))
        {
            Assert.Equal(3, json.RootElement.GetProperty("results").GetArrayLength());
        }

        string other = Path.Combine(root, "other-db");
        Assert.Equal(0, CliRunner.Run("index", "--model", model, "--images", images, "--db", other, "--cache", cache).ExitCode);
        var again = CliRunner.Run("index", "--images", images, "--db", other, "--cache", cache);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("0 embedded", again.Output);
        using (var index = IndexReader.Open(other))
        {
            Assert.Null(index.State.ImageCentre);   // a trained model's vectors are kept as it gives them
        }
    }

    [Fact]
    public void Eval_and_fine_tuning_take_base_and_calibrate_refuses_to_change_it()
    {
        string data = Path.Combine(root, "synthetic");
        Assert.Equal(0, CliRunner.Run("data", "prepare", "synthetic", "--out", data, "--count", "48").ExitCode);
        string dataset = Path.Combine(data, "dataset.json");

        var eval = CliRunner.Run("eval", "--model", "base", "--data", dataset, "--cache", cache);
        Assert.True(eval.ExitCode == 0, eval.Output);
        Assert.Contains("base", eval.Output);
        Assert.Contains("Image vectors centred on the mean of the split's", eval.Output);
        var uncentred = CliRunner.Run("eval", "--model", "base", "--data", dataset, "--cache", cache, "--centre", "none");
        Assert.True(uncentred.ExitCode == 0, uncentred.Output);
        Assert.DoesNotContain("centred", uncentred.Output);

        string tuned = Path.Combine(root, "tuned");
        var train = CliRunner.Run("train", "--init", "base", "--text", "minilm+ngram-3+skip", "--data", dataset, "--out", tuned, "--cache", cache, "--epochs", "1", "--batch", "16");
        Assert.True(train.ExitCode == 0, train.Output);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(tuned, ModelFolder.ManifestFile))))
        {
            var init = manifest.RootElement.GetProperty("training").GetProperty("initFrom");
            Assert.Equal(BaseModel.Folder, init.GetProperty("path").GetString());
            Assert.Equal("extend", init.GetProperty("features").GetString());

            // Asked for, an n-gram bag extends the base model's word bag: its words keep their rows, the scenes' n-grams get new ones
            var text = manifest.RootElement.GetProperty("joint").GetProperty("text");
            Assert.Equal("minilm+ngram-3+skip", text.GetProperty("model").GetString());
            Assert.True(manifest.RootElement.GetProperty("textFeatureCount").GetInt32() > ModelFolder.ReadManifest(BaseModel.Folder).TextFeatureCount);
        }

        // Keeping the base model's featurizer cannot read n-grams: refused, naming both encoders
        var kept = CliRunner.Run("train", "--init", "base", "--init-features", "keep", "--text", "minilm+ngram-3+skip", "--data", dataset,
            "--out", Path.Combine(root, "kept"), "--cache", cache, "--epochs", "1");
        Assert.NotEqual(0, kept.ExitCode);
        Assert.Contains("not as minilm+ngram-3+skip", kept.Output);

        string before = ModelFolder.HashWeights(Path.Combine(BaseModel.Folder, ModelFolder.WeightsFile));
        var calibrate = CliRunner.Run("calibrate", "--model", "base", "--data", dataset, "--cache", cache);
        Assert.Equal(2, calibrate.ExitCode);
        Assert.Contains("--init base", calibrate.Output);
        Assert.Equal(before, ModelFolder.HashWeights(Path.Combine(BaseModel.Folder, ModelFolder.WeightsFile)));
    }

    [Theory]
    [InlineData("--text-precision", "int8", "float32")]
    [InlineData("--image-precision", "float32", "int8")]
    [InlineData("--image-fit", "cropcenter", "contain")]
    [InlineData("--image-views", "one", "scales")]
    public void Fine_tuning_refuses_inputs_the_initial_model_was_not_trained_on(string option, string value, string initial)
    {
        // The base model was trained on float32 MiniLM vectors and int8 ResNet18 features of contained pictures at two
        // scales; its weights fit only those.
        var (code, output) = CliRunner.Run("train", "--init", "base", "--data", "unused.json", "--out", Path.Combine(root, "x"), option, value);

        Assert.Equal(2, code);
        Assert.Contains($"{option} {value} differs from the initial model's {initial}", output);
    }
}
