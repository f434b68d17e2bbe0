using System.Text.Json;
using Itm.Data.Images.Ocr;
using Itm.Search.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm index --ocr</c> then <c>itm search</c>, end to end: three pictures each with a word written in it, a tiny
/// model that knows none of the words, and a search for one word finds its picture first by the word alone.
/// </summary>
[Collection("Sequential")]
public sealed class OcrCommandTests : IDisposable
{
    private static readonly string[] Words = ["harbor", "violin", "pepper"];
    private readonly string root = Directory.CreateTempSubdirectory("itm-cli-ocr-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static bool TesseractInstalled()
    {
        try
        {
            using var engine = new TesseractEngine();
            return File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
        }
        catch (OcrUnavailableException)
        {
            return false; // CI installs it (.ci/run); here the test has nothing to run on
        }
    }

    [Fact]
    public void A_word_written_in_an_image_finds_it_first()
    {
        if (!TesseractInstalled())
        {
            return;
        }

        // Given three pictures with a word each, indexed with --ocr
        string images = Path.Combine(root, "images");
        Directory.CreateDirectory(images);
        foreach (var (word, i) in Words.Select((w, i) => (w, i)))
        {
            File.WriteAllBytes(Path.Combine(images, $"sign{i}.png"), WordPng(word, i));
        }

        string model = TinyModel.Save(Path.Combine(root, "model"), seed: 4);
        string db = Path.Combine(root, "db");
        var index = CliRunner.Run("index", "--model", model, "--images", images, "--db", db, "--cache", Path.Combine(root, "cache"), "--ocr");
        Assert.True(index.ExitCode == 0, index.Output);
        Assert.Contains("Words read inside 3 images", index.Output);

        // When each word is searched for, its picture comes first, with the word found
        foreach (var (word, i) in Words.Select((w, i) => (w, i)))
        {
            var (code, output) = CliRunner.Run("search", "--db", db, word, "--json");
            Assert.True(code == 0, output);
            var first = JsonDocument.Parse(output).RootElement.GetProperty("results")[0];
            Assert.Equal($"sign{i}.png", first.GetProperty("relativePath").GetString());
            Assert.Equal(word, first.GetProperty("words")[0].GetString());
        }

        // And the table names the words found
        var table = CliRunner.Run("search", "--db", db, "violin");
        Assert.Contains("words found", table.Output);
    }

    private static byte[] WordPng(string word, int variant)
    {
        SKColor[] backgrounds = [SKColors.White, new SKColor(255, 240, 200), new SKColor(220, 235, 255)];
        using var surface = SKSurface.Create(new SKImageInfo(320, 160));
        var canvas = surface.Canvas;
        canvas.Clear(backgrounds[variant]);
        using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
        using var font = new SKFont(typeface, 44);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(word, 20, 100, SKTextAlign.Left, font, ink);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
