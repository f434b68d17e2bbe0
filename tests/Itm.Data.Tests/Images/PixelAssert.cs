using Itm.Data.Images;
using SkiaSharp;

namespace Itm.Data.Tests.Images;

/// <summary>Tolerant colour checks: lossy codecs and resampling move values by a few levels.</summary>
internal static class PixelAssert
{
    public static void Near(SKColor expected, RgbImage image, int x, int y, int tolerance = 24)
    {
        var (r, g, b) = image.GetPixel(x, y);
        var ok = Math.Abs(r - expected.Red) <= tolerance
            && Math.Abs(g - expected.Green) <= tolerance
            && Math.Abs(b - expected.Blue) <= tolerance;
        Assert.True(ok, $"Pixel ({x}, {y}) is ({r}, {g}, {b}); expected about ({expected.Red}, {expected.Green}, {expected.Blue}).");
    }

    public static void AllNear(SKColor expected, RgbImage image, int tolerance = 24)
    {
        for (var y = 0; y < image.Height; y += 7)
        {
            for (var x = 0; x < image.Width; x += 7)
            {
                Near(expected, image, x, y, tolerance);
            }
        }
    }
}
