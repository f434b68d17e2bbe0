using Itm.Search.Duplicates;
using SkiaSharp;

namespace Itm.Search.Tests.Duplicates;

/// <summary>The thumbnail fingerprint: a resized or hue-turned copy is alike, a different layout is not.</summary>
public sealed class PixelFingerprintTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-fingerprint-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_resized_and_recoloured_copy_is_alike_and_a_moved_shape_is_not()
    {
        float[] original = PixelFingerprint.Of(Write("original.png", 256, SKColors.Red, left: true))!;
        float[] small = PixelFingerprint.Of(Write("small.png", 96, SKColors.Red, left: true))!;
        float[] recoloured = PixelFingerprint.Of(Write("recoloured.png", 256, SKColors.Green, left: true))!;
        float[] moved = PixelFingerprint.Of(Write("moved.png", 256, SKColors.Red, left: false))!;

        Assert.True(PixelFingerprint.Alike(original, small, 0.9f));
        Assert.True(PixelFingerprint.Alike(original, recoloured, 0.7f));
        Assert.False(PixelFingerprint.Alike(original, moved, 0.7f));
        Assert.Equal(PixelFingerprint.Side * PixelFingerprint.Side, original.Length);
    }

    [Fact]
    public void A_file_that_is_gone_is_not_held_against_a_pair()
    {
        float[]? gone = PixelFingerprint.Of(Path.Combine(root, "gone.png"));
        float[] present = PixelFingerprint.Of(Write("present.png", 64, SKColors.Blue, left: true))!;

        Assert.Null(gone);
        Assert.True(PixelFingerprint.Alike(gone, present, 0.99f));
    }

    /// <summary>A square of <paramref name="colour"/> in the left or right half of a white image.</summary>
    private string Write(string name, int size, SKColor colour, bool left)
    {
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = colour })
        {
            canvas.Clear(SKColors.White);
            float x = left ? size * 0.1f : size * 0.55f;
            canvas.DrawRect(x, size * 0.3f, size * 0.35f, size * 0.4f, paint);
        }

        string path = Path.Combine(root, name);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
