namespace Itm.Cli.Tests;

/// <summary>Bad usage and bad input exit with code 2 and a message that names the item at fault.</summary>
public sealed class UsageErrorTests
{
    [Fact]
    public void Train_without_data_names_the_missing_option()
    {
        var (code, output) = CliRunner.Run("train", "--out", "x");
        Assert.Equal(2, code);
        Assert.Contains("--data", output);
    }

    [Fact]
    public void An_unknown_negative_sampler_names_the_bad_value()
    {
        var (code, output) = CliRunner.Run("train", "--data", "d.json", "--out", "x", "--negatives", "hardestest");
        Assert.Equal(2, code);
        Assert.Contains("hardestest", output);
    }

    [Fact]
    public void A_one_letter_option_with_two_dashes_is_named_with_its_right_spelling()
    {
        var (code, output) = CliRunner.Run("search", "a red circle", "--db", "x", "--k", "3");
        Assert.Equal(2, code);
        Assert.Contains("--k is not an option: a one-letter option takes one dash (-k).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bag_of_fewer_than_two_features_is_refused_with_the_option_named()
    {
        var (code, output) = CliRunner.Run("train", "--data", "d.json", "--out", "x", "--max-features", "1");
        Assert.Equal(2, code);
        Assert.Contains("--max-features 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fine_tuning_keeps_the_initial_models_word_bag_and_another_size_is_refused()
    {
        var (code, output) = CliRunner.Run("train", "--data", "d.json", "--out", "x", "--init", "base", "--max-features", "100");
        Assert.Equal(2, code);
        Assert.Contains("--max-features 100 differs from the initial model's 8000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_text_model_is_bad_usage()
    {
        var (code, _) = CliRunner.Run("train", "--data", "d.json", "--out", "x", "--text", "gpt");
        Assert.Equal(2, code);
    }

    [Fact]
    public void Fine_tuning_from_a_folder_that_is_not_a_model_names_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "itm-no-such-model");
        var (code, output) = CliRunner.Run("train", "--data", "d.json", "--out", "x", "--init", missing);
        Assert.Equal(2, code);
        Assert.Contains("itm-no-such-model", output);
        Assert.Contains("model.json", output);
    }

    [Theory]
    [InlineData("--sweeps", "text,colour")]
    [InlineData("--texts", "bow,ngram-7")]
    [InlineData("--objectives", "infonce/everything")]
    [InlineData("--direction-objectives", "hinge/inbatch")]
    [InlineData("--directions", "both,sideways")]
    public void A_bad_study_axis_names_the_bad_value(string option, string value)
    {
        var (code, output) = CliRunner.Run("study", "--data", "d.json", "--out", "x", option, value);
        Assert.Equal(2, code);
        Assert.Contains(value.Split(',')[^1].Split('/')[^1].Split(':')[^1], output, StringComparison.Ordinal);
    }

    [Fact]
    public void Study_without_out_says_it_is_the_report_folder()
    {
        var (code, output) = CliRunner.Run("study", "--data", "d.json");
        Assert.Equal(2, code);
        Assert.Contains("report folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_dataset_file_is_named()
    {
        string missing = Path.Combine(Path.GetTempPath(), "itm-no-such-dataset", "dataset.json");
        var (code, output) = CliRunner.Run("train", "--data", missing, "--out", Path.Combine(Path.GetTempPath(), "itm-never-written"));
        Assert.Equal(2, code);
        Assert.Contains("dataset.json", output);
    }

    [Fact]
    public void Eval_of_a_folder_that_is_not_a_model_says_how_to_make_one()
    {
        string folder = Directory.CreateTempSubdirectory("itm-not-a-model-").FullName;
        try
        {
            var (code, output) = CliRunner.Run("eval", "--model", folder, "--data", "d.json");
            Assert.Equal(2, code);
            Assert.Contains("itm train", output);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, output) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        foreach (string command in new[] { "data", "train", "eval", "demo" })
        {
            Assert.Contains(command, output);
        }
    }
}
