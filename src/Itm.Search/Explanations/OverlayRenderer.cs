using SkiaSharp;

namespace Itm.Search.Explanations;

/// <summary>
/// An explanation drawn for people: the image as the model saw it, the heatmap over it in a jet colour map (blue to
/// red, fading to transparent where hiding the region costs nothing), and the peak cell outlined.
/// </summary>
public static class OverlayRenderer
{
    public const string ContentType = "image/png";

    /// <summary>Strongest heat's opacity: the image stays visible under it.</summary>
    private const float MaxAlpha = 0.65f;

    /// <param name="width">Width of the PNG in pixels; the height keeps the image's aspect.</param>
    public static byte[] RenderPng(Explanation explanation, int width = 320)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        var image = explanation.Image;
        int height = Math.Max(1, (int)Math.Round((double)width * image.Height / image.Width));
        var area = SKRect.Create(width, height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var pixels = image.ToBitmap())
        using (var drawn = SKImage.FromBitmap(pixels))
        {
            canvas.DrawImage(drawn, area, new SKSamplingOptions(SKCubicResampler.Mitchell), paint: null);
        }

        // One texel per cell, stretched with linear filtering: heat changes smoothly between cell centres.
        using (var heat = HeatBitmap(explanation.Heatmap))
        using (var drawn = SKImage.FromBitmap(heat))
        {
            canvas.DrawImage(drawn, area, new SKSamplingOptions(SKFilterMode.Linear), paint: null);
        }

        var peak = explanation.Peak;
        var box = SKRect.Create((float)(peak.X * width), (float)(peak.Y * height), (float)(peak.W * width), (float)(peak.H * height));
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke };
        foreach (var (colour, stroke) in new[] { (SKColors.Black, 4f), (SKColors.White, 2f) })
        {
            outline.Color = colour;
            outline.StrokeWidth = stroke;
            canvas.DrawRect(box, outline);
        }

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the overlay PNG.");
        return png.ToArray();
    }

    /// <summary>A <c>cols × rows</c> bitmap: each cell's positive drop, as a share of the largest, coloured and made that opaque.</summary>
    private static SKBitmap HeatBitmap(Heatmap heatmap)
    {
        float max = Math.Max(heatmap.Values.Max(), 1e-6f);
        var bitmap = new SKBitmap(new SKImageInfo(heatmap.Cols, heatmap.Rows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int r = 0; r < heatmap.Rows; r++)
        {
            for (int c = 0; c < heatmap.Cols; c++)
            {
                float t = Math.Clamp(heatmap[r, c] / max, 0f, 1f);
                bitmap.SetPixel(c, r, Jet(t).WithAlpha((byte)Math.Round(255 * MaxAlpha * t)));
            }
        }

        return bitmap;
    }

    /// <summary>The jet colour map: dark blue at 0, through cyan, green and yellow, to dark red at 1.</summary>
    private static SKColor Jet(float t)
    {
        static byte Channel(float v) => (byte)Math.Round(255 * Math.Clamp(v, 0f, 1f));
        return new SKColor(Channel(1.5f - Math.Abs((4 * t) - 3)), Channel(1.5f - Math.Abs((4 * t) - 2)), Channel(1.5f - Math.Abs((4 * t) - 1)));
    }
}
