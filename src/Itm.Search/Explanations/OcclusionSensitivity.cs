using System.Numerics.Tensors;
using Itm.Data.Images;

namespace Itm.Search.Explanations;

/// <summary>
/// Occlusion sensitivity (Zeiler and Fergus, 2014), for any image channel: a plain patch (<see cref="OcclusionFill"/>) is
/// slid over the image, each occluded image is embedded, and the drop of its score below the whole image's says how
/// much the covered region mattered. The image is cut into <c>G × G</c> cells; patches are 2 × 2 cells, one at every
/// cell corner, those at the border hanging over the edge (only their part inside is painted), so every cell lies under
/// exactly four patches and its heat, their mean drop, is also each of its pixels' mean. (Without the overhanging
/// patches, border cells would lie under fewer patches and take the single largest drop near them: the peak would
/// drift to the edges.) That is <c>(G + 1)²</c> occluded images.
/// </summary>
public static class OcclusionSensitivity
{
    /// <param name="query">The sentence's unit vector.</param>
    /// <param name="score">The whole image's score for <paramref name="query"/>.</param>
    public static Heatmap Compute(RgbImage image, ReadOnlySpan<float> query, float score, IPixelEmbedder embedder, ExplainOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int cells = options.Grid, corners = cells + 1, dim = query.Length;
        int[] xs = Edges(image.Width, cells), ys = Edges(image.Height, cells);
        var colour = options.Fill == OcclusionFill.Neutral ? embedder.NeutralColour : MeanColour(image);

        // One drop per patch, row-major [corners, corners]: patch (i, j) covers cells i - 1 and i down, j - 1 and j across.
        var drops = new float[corners * corners];
        for (int first = 0; first < drops.Length; first += options.BatchSize)
        {
            int count = Math.Min(options.BatchSize, drops.Length - first);
            var occluded = Enumerable.Range(first, count).Select(p =>
            {
                int i = p / corners, j = p % corners;
                return Occlude(image, xs[Math.Max(j - 1, 0)], ys[Math.Max(i - 1, 0)], xs[Math.Min(j + 1, cells)], ys[Math.Min(i + 1, cells)], colour);
            }).ToList();
            float[] vectors = embedder.Embed(occluded);   // [count, dim]
            for (int k = 0; k < count; k++)
            {
                drops[first + k] = score - TensorPrimitives.Dot(vectors.AsSpan(k * dim, dim), query);
            }
        }

        // Cell (r, c) lies under the patches at the corners around it: (r, c), (r, c + 1), (r + 1, c), (r + 1, c + 1).
        var heat = new float[cells * cells];
        for (int r = 0; r < cells; r++)
        {
            for (int c = 0; c < cells; c++)
            {
                int p = (r * corners) + c;
                heat[(r * cells) + c] = (drops[p] + drops[p + 1] + drops[p + corners] + drops[p + corners + 1]) / 4;
            }
        }

        return new Heatmap(cells, cells, heat);
    }

    /// <summary>The pixel edges of <paramref name="cells"/> even cells along a side: <c>cells + 1</c> values from 0 to <paramref name="side"/>.</summary>
    public static int[] Edges(int side, int cells) =>
        [.. Enumerable.Range(0, cells + 1).Select(k => (int)Math.Round((double)k * side / cells, MidpointRounding.AwayFromZero))];

    /// <summary>The mean of every pixel, channel by channel.</summary>
    public static (byte R, byte G, byte B) MeanColour(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long r = 0, g = 0, b = 0;
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i += 3)
        {
            (r, g, b) = (r + pixels[i], g + pixels[i + 1], b + pixels[i + 2]);
        }

        long n = (long)image.Width * image.Height;
        return ((byte)((r + (n / 2)) / n), (byte)((g + (n / 2)) / n), (byte)((b + (n / 2)) / n));
    }

    /// <summary>A copy of <paramref name="image"/> with the pixels in <c>[left, right) × [top, bottom)</c> painted <paramref name="colour"/>.</summary>
    public static RgbImage Occlude(RgbImage image, int left, int top, int right, int bottom, (byte R, byte G, byte B) colour)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] pixels = (byte[])image.Pixels.Clone();
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                int i = 3 * ((y * image.Width) + x);
                (pixels[i], pixels[i + 1], pixels[i + 2]) = colour;
            }
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }
}
