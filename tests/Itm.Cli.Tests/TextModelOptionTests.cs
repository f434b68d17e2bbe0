namespace Itm.Cli.Tests;

/// <summary>`--text` takes every text model, minilm (the pretrained sentence encoder) included.</summary>
public sealed class TextModelOptionTests
{
    [Theory]
    [InlineData("bow")]
    [InlineData("ngram")]
    [InlineData("sse")]
    [InlineData("minilm")]
    public void Each_text_model_is_accepted_and_the_run_gets_as_far_as_the_data(string text)
    {
        string missing = Path.Combine(Path.GetTempPath(), "itm-no-such-dataset", "dataset.json");

        var (code, output) = CliRunner.Run("train", "--data", missing, "--out", Path.Combine(Path.GetTempPath(), "itm-never-written"), "--text", text);

        // The option parsed: the only complaint is the missing dataset.
        Assert.Equal(2, code);
        Assert.Contains("dataset.json", output);
        Assert.DoesNotContain("--text", output);
    }
}
