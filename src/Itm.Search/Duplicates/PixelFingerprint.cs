using System.Numerics.Tensors;
using Itm.Data.Images;

namespace Itm.Search.Duplicates;

/// <summary>
/// A cheap picture of an image's layout: its centre square decoded at 32 × 32 (transparency on white), averaged to
/// 16 × 16 grey values, centred on their mean and scaled to unit length, so the cosine of two fingerprints is the
/// correlation of their thumbnails. Resizing, re-encoding and a hue turn barely move it; a crop of a few percent moves
/// it a little; a different drawing of the same thing, or the same pattern at another size, moves it a lot.
/// </summary>
public static class PixelFingerprint
{
    public const int Side = 16;

    private static readonly ImageLoader Loader = new(new ImageLoadOptions { TargetSize = 2 * Side });

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

    /// <summary>The fingerprint of a decoded 32 × 32 image.</summary>
    public static float[] Of(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = new float[Side * Side];
        for (int y = 0; y < 2 * Side; y++)
        {
            for (int x = 0; x < 2 * Side; x++)
            {
                var (r, g, b) = image.GetPixel(x, y);
                grey[(y / 2 * Side) + (x / 2)] += (0.299f * r) + (0.587f * g) + (0.114f * b);
            }
        }

        TensorPrimitives.Subtract(grey, TensorPrimitives.Average(grey), grey);
        float norm = TensorPrimitives.Norm(grey);
        if (norm > 0)
        {
            TensorPrimitives.Divide(grey, norm, grey);
        }

        return grey;
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
}
