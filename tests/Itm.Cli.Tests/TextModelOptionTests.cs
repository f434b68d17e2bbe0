using Itm.Model.Catalog;

namespace Itm.Cli.Tests;

/// <summary>`--text` and `--image` take every encoder of the catalog by its one name, and nothing else.</summary>
public sealed class TextModelOptionTests
{
    public static TheoryData<string, string> EncoderOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var text in EncoderCatalog.Text)
        {
            data.Add("--text", text.Name);
        }

        foreach (var image in EncoderCatalog.Image)
        {
            data.Add("--image", image.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EncoderOptions))]
    public void Each_encoder_is_accepted_and_the_run_gets_as_far_as_the_data(string option, string name)
    {
        string missing = Path.Combine(Path.GetTempPath(), "itm-no-such-dataset", "dataset.json");

        var (code, output) = CliRunner.Run("train", "--data", missing, "--out", Path.Combine(Path.GetTempPath(), "itm-never-written"), option, name);

        // The option parsed: the only complaint is the missing dataset.
        Assert.Equal(2, code);
        Assert.Contains("dataset.json", output);
        Assert.DoesNotContain(option, output);
    }

    [Theory]
    [InlineData("--text", "ngram")]
    [InlineData("--image", "vit")]
    public void An_unknown_encoder_is_refused_with_the_known_names(string option, string name)
    {
        var (code, output) = CliRunner.Run("train", "--data", "d.json", "--out", Path.Combine(Path.GetTempPath(), "itm-never-written"), option, name);

        Assert.Equal(2, code);
        Assert.Contains($"'{name}'", output);
        Assert.Contains(option == "--text" ? "bow, ngram-2, ngram-3, ngram-3+skip, sse, minilm" : "resnet18, resnet18tune, convnet", output);
    }

    [Fact]
    public void The_help_lists_every_encoder_with_its_summary()
    {
        var (_, output) = CliRunner.Run("train", "--help");
        string flat = string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

        Assert.All(EncoderCatalog.Text.Select(s => s.Name).Concat(EncoderCatalog.Image.Select(s => s.Name)), name => Assert.Contains(name, flat));
    }
}
