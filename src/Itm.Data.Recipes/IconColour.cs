using Itm.Data.Images;

namespace Itm.Data.Recipes;

/// <summary>
/// How much of a rendered icon is drawn, how much of that is in colour, and how flat its ink is. Themes mix full-colour
/// and shaded drawings with one-ink glyphs (Breeze's and Papirus' toolbar actions, tray icons) and with white glyphs meant
/// for dark bars, which vanish on the white the loader composites on; these numbers tell them apart.
/// </summary>
/// <param name="DrawnShare">Share of all pixels that are not (near) white.</param>
/// <param name="ColouredShare">Share of the drawn pixels whose chroma (largest minus smallest channel) is at least
/// <see cref="ChromaThreshold"/>: greys and black are not colour.</param>
/// <param name="FlatShare">Share of the inner drawn pixels (all four neighbours drawn too, so antialiased edges do not count)
/// whose lightness falls in the most common of 16 lightness bands: near 1 for a glyph of one ink, about a half or less for a
/// drawing shaded in greys (a grey printer, a steel wrench). 1 when no pixel is inner (hairlines).</param>
public readonly record struct IconColour(double DrawnShare, double ColouredShare, double FlatShare)
{
    /// <summary>A pixel darker than this in any channel is drawn; lighter ones are the white background or its antialiasing.</summary>
    public const int WhiteThreshold = 240;

    /// <summary>The chroma (0–255) from which a pixel counts as coloured: an eighth of full saturation, so the tan and lilac of
    /// pastel folders count and the tints that antialiasing leaves on greys do not.</summary>
    public const int ChromaThreshold = 32;

    private const int LightnessBands = 16;

    /// <summary>Measures an image composited on white (as <see cref="ImageLoader"/> returns it).</summary>
    public static IconColour Of(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] pixels = image.Pixels;
        int width = image.Width, height = image.Height;
        bool IsDrawn(int x, int y)
        {
            int i = 3 * ((y * width) + x);
            return Math.Min(pixels[i], Math.Min(pixels[i + 1], pixels[i + 2])) < WhiteThreshold;
        }

        int drawn = 0, coloured = 0, inner = 0;
        var bands = new int[LightnessBands];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = 3 * ((y * width) + x);
                int r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
                int min = Math.Min(r, Math.Min(g, b)), max = Math.Max(r, Math.Max(g, b));
                if (min >= WhiteThreshold)
                    continue;
                drawn++;
                if (max - min >= ChromaThreshold)
                    coloured++;
                if (x > 0 && y > 0 && x < width - 1 && y < height - 1
                    && IsDrawn(x - 1, y) && IsDrawn(x + 1, y) && IsDrawn(x, y - 1) && IsDrawn(x, y + 1))
                {
                    inner++;
                    bands[(max + min) / 2 * LightnessBands / 256]++;
                }
            }
        }

        return new IconColour(
            (double)drawn / (width * height),
            drawn == 0 ? 0 : (double)coloured / drawn,
            inner == 0 ? 1 : (double)bands.Max() / inner);
    }

    /// <summary>
    /// True for a glyph of one grey or black ink: less than <paramref name="minColouredShare"/> of it in colour and at least
    /// <paramref name="minFlatShare"/> of its inside in one lightness band. A grey drawing with shading is not monochrome.
    /// </summary>
    public bool IsMonochrome(double minColouredShare, double minFlatShare) => ColouredShare < minColouredShare && FlatShare >= minFlatShare;
}
