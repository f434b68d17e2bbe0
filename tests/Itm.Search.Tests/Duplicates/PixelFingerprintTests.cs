using Itm.Search.Duplicates;
using SkiaSharp;

namespace Itm.Search.Tests.Duplicates;

/// <summary>
/// The thumbnail fingerprint: a resized or hue-turned copy, or the same drawing with other margins, is alike; a
/// different layout is not.
/// </summary>
public sealed class PixelFingerprintTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-fingerprint-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_resized_recoloured_or_reframed_copy_is_alike_and_another_layout_is_not()
    {
        float[] original = PixelFingerprint.Of(Write("original.png", 256, 256, SKColors.Red, squareFirst: true, margin: 0.1f))!;
        float[] small = PixelFingerprint.Of(Write("small.png", 96, 96, SKColors.Red, squareFirst: true, margin: 0.1f))!;
        float[] recoloured = PixelFingerprint.Of(Write("recoloured.png", 256, 256, SKColors.Green, squareFirst: true, margin: 0.1f))!;
        float[] reframed = PixelFingerprint.Of(Write("reframed.png", 320, 200, SKColors.Red, squareFirst: true, margin: 0.3f))!;
        float[] swapped = PixelFingerprint.Of(Write("swapped.png", 256, 256, SKColors.Red, squareFirst: false, margin: 0.1f))!;

        Assert.InRange(Cosine(original, small), 0.9f, 1.001f);
        Assert.InRange(Cosine(original, recoloured), 0.8f, 1.001f);
        Assert.InRange(Cosine(original, reframed), 0.9f, 1.001f);
        Assert.InRange(Cosine(original, swapped), -1f, 0.5f);
        Assert.True(PixelFingerprint.Alike(original, small, 0.9f));
        Assert.False(PixelFingerprint.Alike(original, swapped, 0.5f));
        Assert.Equal(PixelFingerprint.Side * PixelFingerprint.Side, original.Length);
    }

    [Fact]
    public void A_plain_image_matches_only_a_plain_one()
    {
        float[] white = PixelFingerprint.Of(Write("white.png", 64, 64, SKColors.White, squareFirst: true, margin: 0.1f))!;
        float[] grey = PixelFingerprint.Of(Write("grey.png", 64, 64, new SKColor(128, 128, 128), squareFirst: true, margin: 0.1f, plain: true))!;
        float[] drawing = PixelFingerprint.Of(Write("drawing.png", 64, 64, SKColors.Red, squareFirst: true, margin: 0.1f))!;

        Assert.True(PixelFingerprint.Alike(grey, white, 0.99f));
        Assert.False(PixelFingerprint.Alike(drawing, grey, 0.5f));
    }

    [Fact]
    public void A_file_that_is_gone_is_not_held_against_a_pair()
    {
        float[]? gone = PixelFingerprint.Of(Path.Combine(root, "gone.png"));
        float[] present = PixelFingerprint.Of(Write("present.png", 64, 64, SKColors.Blue, squareFirst: true, margin: 0.1f))!;

        Assert.Null(gone);
        Assert.True(PixelFingerprint.Alike(gone, present, 0.99f));
    }

    private static float Cosine(float[] first, float[] second) => System.Numerics.Tensors.TensorPrimitives.Dot(first, second);

    /// <summary>
    /// A filled square and a ring of <paramref name="colour"/> side by side (the square first or second) on white, with
    /// <paramref name="margin"/> of the width left blank on each side; <paramref name="plain"/> fills the image instead.
    /// </summary>
    private string Write(string name, int width, int height, SKColor colour, bool squareFirst, float margin, bool plain = false)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var fill = new SKPaint { Color = colour })
        {
            canvas.Clear(plain ? colour : SKColors.White);
            if (!plain)
            {
                float cell = width * (1 - (2 * margin)) / 2;
                using var ring = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = 0.1f * cell, IsAntialias = true };
                float top = (height - cell) / 2;
                float squareX = width * margin + (squareFirst ? 0 : cell);
                float ringX = width * margin + (squareFirst ? cell : 0);
                canvas.DrawRect(squareX + (0.1f * cell), top + (0.1f * cell), 0.8f * cell, 0.8f * cell, fill);
                canvas.DrawCircle(ringX + (cell / 2), top + (cell / 2), 0.35f * cell, ring);
            }
        }

        string path = Path.Combine(root, name);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
