using SkiaSharp;

namespace Itm.Search.Tests.Fixtures;

/// <summary>
/// The catalogue of image fixtures for index tests, drawn on the fly with SkiaSharp: coloured shapes on white in two
/// sub-folders, a byte-for-byte copy of one of them, and a file that only pretends to be a PNG.
/// </summary>
internal static class TinyImages
{
    public const string Original = "shapes/red-square.png";
    public const string Copy = "copies/red-square-again.png";
    public const string Broken = "shapes/broken.png";

    private static readonly (string Name, SKColor Colour, bool Circle)[] Shapes =
    [
        ("red-square", SKColors.Red, false),
        ("green-circle", SKColors.Green, true),
        ("blue-square", SKColors.Blue, false),
        ("yellow-circle", SKColors.Gold, true),
        ("black-square", SKColors.Black, false),
        ("red-circle", SKColors.Red, true),
    ];

    /// <summary>Writes the fixtures under <paramref name="root"/>; returns the readable images' relative paths.</summary>
    public static IReadOnlyList<string> Write(string root)
    {
        var written = new List<string>();
        foreach (var (name, colour, circle) in Shapes)
        {
            written.Add(WriteFile(root, $"shapes/{name}.png", Draw(colour, circle)));
            written.Add(WriteFile(root, $"more/{name}-small.png", Draw(colour, circle, scale: 0.5f)));
        }

        written.Add(WriteFile(root, Copy, File.ReadAllBytes(Path.Combine(root, Original))));
        WriteFile(root, Broken, "this is not a png"u8.ToArray());
        return written;
    }

    /// <summary>A shape on white, <paramref name="scale"/> of the canvas wide.</summary>
    public static byte[] Draw(SKColor colour, bool circle, float scale = 0.8f, int size = 32)
    {
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = colour, IsAntialias = true })
        {
            canvas.Clear(SKColors.White);
            float half = size * scale / 2;
            if (circle)
            {
                canvas.DrawCircle(size / 2f, size / 2f, half, paint);
            }
            else
            {
                canvas.DrawRect(size / 2f - half, size / 2f - half, 2 * half, 2 * half, paint);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string WriteFile(string root, string relative, byte[] bytes)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return relative;
    }
}
