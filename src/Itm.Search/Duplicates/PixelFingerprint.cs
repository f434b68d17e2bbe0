using System.Numerics.Tensors;
using Itm.Data.Images;

namespace Itm.Search.Duplicates;

/// <summary>
/// A cheap picture of an image's drawing: the whole image decoded at 64 pixels on its longer side (transparency on
/// white), trimmed to the box around what differs from its background (the colour of its border), and that box
/// averaged to 16 × 16 grey values, centred on their mean and scaled to unit length, so the cosine of two fingerprints
/// is the correlation of their thumbnails. Resizing, re-encoding and a hue turn barely move it; a crop that cuts
/// margins does not move it, and one that cuts a few percent of the drawing moves it a little; a different drawing of
/// the same thing, or the same pattern at another size, moves it a lot.
/// </summary>
public static class PixelFingerprint
{
    public const int Side = 16;

    private const int Decoded = 8 * Side;

    /// <summary>How far (in grey levels of 255) a pixel must be from the background to count as drawing: above JPEG's ringing.</summary>
    private const float InkContrast = 32;

    private static readonly ImageLoader Loader = new(new ImageLoadOptions { TargetSize = Decoded, Fit = ImageFit.Contain });

    /// <summary>The fingerprint of a file; null when it can't be read now (moved or deleted since it was indexed).</summary>
    public static float[]? Of(string path)
    {
        try
        {
            return Of(Loader.Load(path));
        }
        catch (ImageLoadException)
        {
            return null;
        }
    }

    /// <summary>The fingerprint of a decoded image of any size.</summary>
    public static float[] Of(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = Grey(image);
        var (left, top, right, bottom) = DrawingBox(grey, image.Width, image.Height);
        // Each cell averages its share of the box (at least one pixel, so a box narrower than the grid still fills it).
        var fingerprint = new float[Side * Side];
        for (int cy = 0; cy < Side; cy++)
        {
            var (y0, y1) = Share(top, bottom, cy);
            for (int cx = 0; cx < Side; cx++)
            {
                var (x0, x1) = Share(left, right, cx);
                float sum = 0;
                for (int y = y0; y < y1; y++)
                {
                    sum += TensorPrimitives.Sum(grey.AsSpan((y * image.Width) + x0, x1 - x0));
                }

                fingerprint[(cy * Side) + cx] = sum / ((y1 - y0) * (x1 - x0));
            }
        }

        TensorPrimitives.Subtract(fingerprint, TensorPrimitives.Average(fingerprint), fingerprint);
        float norm = TensorPrimitives.Norm(fingerprint);
        if (norm > 0)
        {
            TensorPrimitives.Divide(fingerprint, norm, fingerprint);
        }

        return fingerprint;
    }

    /// <summary>
    /// Whether two images' fingerprints are at least <paramref name="threshold"/> alike. A plain image (one colour: no
    /// layout to compare) matches only another plain one; an image that can't be read is not held against the pair.
    /// </summary>
    public static bool Alike(float[]? first, float[]? second, float threshold) =>
        first is null || second is null
        || (IsPlain(first) && IsPlain(second))
        || TensorPrimitives.Dot(first, second) >= threshold;

    private static bool IsPlain(float[] fingerprint) => TensorPrimitives.Norm(fingerprint) == 0;

    /// <summary>The pixels [start, end) of cell <paramref name="cell"/> of <see cref="Side"/> along [from, to).</summary>
    private static (int Start, int End) Share(int from, int to, int cell)
    {
        int start = from + (cell * (to - from) / Side);
        return (start, Math.Max(start + 1, from + ((cell + 1) * (to - from) / Side)));
    }

    private static float[] Grey(RgbImage image)
    {
        var grey = new float[image.Width * image.Height];
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image.GetPixel(x, y);
                grey[(y * image.Width) + x] = (0.299f * r) + (0.587f * g) + (0.114f * b);
            }
        }

        return grey;
    }

    /// <summary>
    /// The box [left, right) × [top, bottom) around every pixel that differs from the background, taken as the median
    /// grey of the border; the whole image when nothing does (a plain image) or when the border is the drawing itself.
    /// </summary>
    private static (int Left, int Top, int Right, int Bottom) DrawingBox(float[] grey, int width, int height)
    {
        var border = new List<float>(2 * (width + height));
        for (int x = 0; x < width; x++)
        {
            border.Add(grey[x]);
            border.Add(grey[((height - 1) * width) + x]);
        }

        for (int y = 0; y < height; y++)
        {
            border.Add(grey[y * width]);
            border.Add(grey[(y * width) + width - 1]);
        }

        border.Sort();
        float background = border[border.Count / 2];
        int left = width, top = height, right = 0, bottom = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (Math.Abs(grey[(y * width) + x] - background) > InkContrast)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x + 1);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y + 1);
                }
            }
        }

        return right - left < 2 || bottom - top < 2 ? (0, 0, width, height) : (left, top, right, bottom);
    }
}
