using Itm.Data.Images;
using Itm.Data.Images.Ocr;
using SkiaSharp;

namespace Itm.Data.Tests.Images.Ocr;

public sealed class TesseractEngineTests : IDisposable
{
    private const string DejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Tesseract and DejaVu are installed (CI installs both); the tests that read text need them.</summary>
    private static bool CanRead()
    {
        try
        {
            using var engine = new TesseractEngine();
            return File.Exists(DejaVuSans);
        }
        catch (OcrUnavailableException)
        {
            return false;
        }
    }

    [Fact]
    public void Should_Read_A_Rendered_Word()
    {
        if (!CanRead())
        {
            return;
        }

        // Given a picture with one word on a coloured background and a shape beside it
        var path = _folder.Write("word.png", WordPng("Lighthouse", new SKColor(250, 230, 180), SKColors.DarkBlue));
        using var engine = new TesseractEngine();

        var words = engine.ReadFile(path);
        var tokens = engine.ReadTokens(path);

        Assert.Contains(words, w => w.Text.Contains("Lighthouse", StringComparison.Ordinal) && w.Confidence >= 60);
        Assert.Equal(["lighthouse"], tokens);
    }

    [Fact]
    public void Should_Read_Many_Files_In_Parallel_In_The_Order_Given()
    {
        if (!CanRead())
        {
            return;
        }

        // Given four pictures with a word each and a file that is not an image
        string[] words = ["harbor", "violin", "pepper", "meadow"];
        var paths = words.Select(w => _folder.Write($"{w}.png", WordPng(w, SKColors.White, SKColors.Black))).ToList();
        paths.Insert(2, _folder.Write("broken.png", [1, 2, 3]));
        using var reader = new TesseractTextReader(threads: 2);

        var read = reader.Read(paths, CancellationToken.None);

        // Then each file's words come back in its place, and the broken file has none
        Assert.Equal([["harbor"], ["violin"], [], ["pepper"], ["meadow"]], read.Select(r => r.ToArray()).ToArray());
        Assert.Equal(5, reader.Cost.Images);
    }

    [Fact]
    public void Should_Read_Nothing_In_A_Blank_Image()
    {
        if (!CanRead())
        {
            return;
        }

        using var engine = new TesseractEngine();

        Assert.Empty(engine.Read(new RgbImage(64, 64, Enumerable.Repeat((byte)255, 64 * 64 * 3).ToArray())));
    }

    [Fact]
    public void Should_Say_What_To_Install_When_The_Library_Is_Missing()
    {
        var e = Assert.Throws<OcrUnavailableException>(() => new TesseractEngine(new OcrOptions { Library = "libtesseract-absent.so.9" }));

        Assert.StartsWith("--ocr needs Tesseract: apt-get install libtesseract5 tesseract-ocr-eng", e.Message, StringComparison.Ordinal);
        Assert.Contains("libtesseract-absent.so.9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Say_What_To_Install_When_The_Language_Data_Is_Missing()
    {
        if (!CanRead())
        {
            return;
        }

        var e = Assert.Throws<OcrUnavailableException>(() => new TesseractEngine(new OcrOptions { TessdataFolder = _folder.Path }));

        Assert.StartsWith("--ocr needs Tesseract: apt-get install libtesseract5 tesseract-ocr-eng", e.Message, StringComparison.Ordinal);
        Assert.Contains("eng.traineddata", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Keep_Confident_Words_As_Distinct_Lower_Case_Tokens()
    {
        OcrWord[] words = [new("Fresh", 91), new("BREAD!", 88), new("x7#", 20), new("bread", 75)];

        Assert.Equal(["fresh", "bread"], TesseractEngine.Tokens(words, minConfidence: 60));
    }

    private static byte[] WordPng(string word, SKColor background, SKColor ink)
    {
        using var surface = SKSurface.Create(new SKImageInfo(400, 200));
        var canvas = surface.Canvas;
        canvas.Clear(background);
        using var paint = new SKPaint { Color = SKColors.IndianRed, IsAntialias = true };
        canvas.DrawCircle(350, 50, 30, paint);
        using var typeface = SKTypeface.FromFile(DejaVuSans);
        using var font = new SKFont(typeface, 48);
        using var text = new SKPaint { Color = ink, IsAntialias = true };
        canvas.DrawText(word, 20, 140, SKTextAlign.Left, font, text);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
