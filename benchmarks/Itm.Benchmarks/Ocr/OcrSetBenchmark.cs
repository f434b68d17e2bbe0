using System.Globalization;
using Itm.Benchmarks.Common;
using SkiaSharp;

namespace Itm.Benchmarks.Ocr;

/// <summary>
/// Writes the OCR benchmark's image set (benchmarks/ocr/run.sh): one picture per word of WORDS_FILE with the word
/// written in it, and some pictures with shapes only. Each word picture varies at random (seeded): the font (DejaVu and
/// Liberation: sans, serif, mono, bold, italic), the text height (16–64 px), the case (lower, Title, UPPER), the
/// background (light with dark ink, or dark with light ink, sometimes a gradient), the canvas (320–640 × 240–480), the
/// place, and in about half of them a filled shape beside the text. The truth is <c>truth.tsv</c>: file, word
/// (empty for a shape-only picture).
/// Usage: <c>ocr-set WORDS_FILE OUT_DIR [SHAPES_ONLY 31] [SEED 11]</c>.
/// </summary>
public sealed class OcrSetBenchmark : IEndToEndBenchmark
{
    private static readonly string[] Fonts =
    [
        "dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSansMono.ttf",
        "liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf", "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Italic.ttf", "liberation/LiberationMono-Regular.ttf",
    ];

    public string Name => "ocr-set";

    public int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: ocr-set WORDS_FILE OUT_DIR [SHAPES_ONLY] [SEED]");
            return 2;
        }

        var words = File.ReadAllLines(args[0]).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string output = args[1];
        int shapesOnly = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 31;
        var random = new Random(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 11);
        var typefaces = Fonts.Select(f => Path.Combine("/usr/share/fonts/truetype", f)).Where(File.Exists)
            .Select(path => SKTypeface.FromData(SKData.Create(path))).ToList(); // FromFile gives null for some Liberation files here
        if (typefaces.Count == 0)
        {
            Console.Error.WriteLine("No fonts under /usr/share/fonts/truetype: apt-get install fonts-dejavu-core fonts-liberation");
            return 2;
        }

        Directory.CreateDirectory(output);
        var truth = new List<string> { "file\tword" };
        var items = words.Select(w => (string?)w).Concat(Enumerable.Repeat<string?>(null, shapesOnly)).OrderBy(_ => random.Next()).ToList();
        for (int i = 0; i < items.Count; i++)
        {
            string file = $"p{i:D4}.png";
            File.WriteAllBytes(Path.Combine(output, file), Draw(items[i], typefaces[random.Next(typefaces.Count)], random));
            truth.Add($"{file}\t{items[i]}");
        }

        File.WriteAllLines(Path.Combine(output, "truth.tsv"), truth);
        Console.WriteLine($"{items.Count} images ({words.Count} with a word, {shapesOnly} shapes only) in {output}");
        return 0;
    }

    private static byte[] Draw(string? word, SKTypeface typeface, Random random)
    {
        int width = random.Next(320, 641);
        int height = random.Next(240, 481);
        bool dark = random.NextDouble() < 0.3;
        SKColor Shade(int low, int high) => new((byte)random.Next(low, high), (byte)random.Next(low, high), (byte)random.Next(low, high));
        var background = dark ? Shade(0, 90) : Shade(170, 256);
        var ink = dark ? Shade(200, 256) : Shade(0, 70);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(background);
        if (random.NextDouble() < 0.25)
        {
            // A gentle gradient: the background is not one flat colour.
            using var gradient = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [background, dark ? Shade(30, 110) : Shade(150, 230)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, gradient);
        }

        bool shape = word is null || random.NextDouble() < 0.5;
        float textLeft = 0, textRight = 0;
        if (word is not null)
        {
            string text = random.Next(3) switch { 0 => word, 1 => char.ToUpperInvariant(word[0]) + word[1..], _ => word.ToUpperInvariant() };
            float size = random.Next(16, 65);
            using var font = new SKFont(typeface, size);
            float measured = font.MeasureText(text);
            while (measured > width * (shape ? 0.6f : 0.9f) && size > 16)
            {
                size -= 2;
                font.Size = size;
                measured = font.MeasureText(text);
            }

            textLeft = random.Next(8, Math.Max(9, (int)(width * (shape ? 0.6f : 0.9f) - measured)));
            textRight = textLeft + measured;
            float baseline = random.Next((int)size + 8, height - 12);
            using var paint = new SKPaint { Color = ink, IsAntialias = true };
            canvas.DrawText(text, textLeft, baseline, SKTextAlign.Left, font, paint);
        }

        if (shape)
        {
            // Beside the text, never over it: the right part of the canvas when there is text.
            float left = word is null ? 20 : Math.Max(textRight + 10, width * 0.62f);
            float room = width - left - 10;
            if (room > 20)
            {
                float r = Math.Min(room, height * 0.6f) / 2;
                float cx = left + room / 2, cy = random.Next((int)r + 5, Math.Max((int)r + 6, height - (int)r - 5));
                using var fill = new SKPaint { Color = SKColor.FromHsv(random.Next(360), 70, 85), IsAntialias = true };
                if (random.Next(2) == 0)
                {
                    canvas.DrawCircle(cx, cy, r, fill);
                }
                else
                {
                    canvas.DrawRect(cx - r, cy - r, 2 * r, 2 * r, fill);
                }
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
