using SkiaSharp;

namespace Itm.Data.Images;

/// <summary>
/// The one transform every loader path draws with: EXIF orientation, then scale so the shorter side is the target,
/// then centre. Drawing once through a single matrix avoids resampling twice.
/// </summary>
internal static class SquareCrop
{
    /// <summary>Maps pixel coordinates of the stored (encoded) image onto the target × target canvas.</summary>
    public static SKMatrix Matrix(int storedWidth, int storedHeight, SKEncodedOrigin origin, int target, ImageFit fit = ImageFit.CropCenter)
    {
        var o = Orientation(storedWidth, storedHeight, origin);
        var (width, height) = SwapsAxes(origin) ? (storedHeight, storedWidth) : (storedWidth, storedHeight);
        var s = Scale(width, height, target, fit);
        var dx = (target - (width * s)) / 2f;
        var dy = (target - (height * s)) / 2f;
        return new SKMatrix(
            s * o.ScaleX, s * o.SkewX, (s * o.TransX) + dx,
            s * o.SkewY, s * o.ScaleY, (s * o.TransY) + dy,
            0, 0, 1);
    }

    /// <summary>
    /// Scale factor from the oriented image to the canvas (below 1 is a reduction): the shorter side fills the
    /// canvas when cropping, the longer side when the whole image must fit.
    /// </summary>
    public static float Scale(float width, float height, int target, ImageFit fit = ImageFit.CropCenter) =>
        target / (fit == ImageFit.Contain ? Math.Max(width, height) : Math.Min(width, height));

    public static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// Stored → displayed coordinates for each EXIF orientation (TIFF tag 274, values 1–8). For example RightTop (6):
    /// the stored first row is the displayed right column, so the picture turns 90° clockwise: x' = H − y, y' = x.
    /// </summary>
    private static SKMatrix Orientation(int w, int h, SKEncodedOrigin origin) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>Draws onto a white target × target canvas and returns its RGB bytes.</summary>
    public static RgbImage Render(int target, Action<SKCanvas> draw)
    {
        // Opaque white first, so anything transparent in the source ends up composited on white.
        var info = new SKImageInfo(target, target, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            draw(canvas);
            canvas.Flush();
        }

        var rgba = bitmap.GetPixelSpan();
        var rgb = new byte[target * target * 3];
        for (int p = 0, q = 0; q < rgb.Length; p += 4, q += 3)
        {
            rgb[q] = rgba[p];
            rgb[q + 1] = rgba[p + 1];
            rgb[q + 2] = rgba[p + 2];
        }

        return new RgbImage(target, target, rgb);
    }
}
