using System.Numerics.Tensors;
using Itm.Data.Images;
using Itm.Search.Explanations;

namespace Itm.Search.Tests.Explanations;

/// <summary>
/// Occlusion sensitivity against the definition, computed the plain way (every patch painted by hand, every pixel's
/// drops averaged), on stand-in image channels whose answer is known: one that reads only one region of the image.
/// Patches are two cells wide, one at every cell corner (clipped at the border), so every pixel is under four.
/// </summary>
public sealed class OcclusionSensitivityTests
{
    private static readonly (byte R, byte G, byte B) Grey = (128, 128, 128);

    [Theory]
    [InlineData(30, 7, OcclusionFill.ImageMean)]
    [InlineData(32, 4, OcclusionFill.Neutral)]
    [InlineData(17, 5, OcclusionFill.ImageMean)]
    public void Each_cell_holds_the_mean_drop_of_the_patches_over_each_of_its_pixels(int side, int grid, OcclusionFill fill)
    {
        // Given an image of noise and a channel that reads every pixel (a weighted colour histogram of sorts)
        var image = Noise(side, seed: side + grid);
        var channel = new WholeImageChannel();
        float[] query = Unit([0.3f, -0.5f, 0.8f, 0.1f]);
        float score = TensorPrimitives.Dot(channel.Embed([image]), query);

        // When the heatmap is computed (in small batches, to cross batch boundaries)
        var heatmap = OcclusionSensitivity.Compute(image, query, score, channel, new ExplainOptions { Grid = grid, BatchSize = 4, Fill = fill });

        // Then every pixel's cell holds the mean drop over the four patches that cover that pixel, painted the channel's
        // neutral grey, or the image's mean colour
        var colour = fill == OcclusionFill.Neutral ? Grey : Mean(image);
        var naive = NaivePixelHeat(image, grid, colour, query, score, channel);
        int[] edges = OcclusionSensitivity.Edges(side, grid);
        Assert.Equal(grid * grid, heatmap.Values.Length);
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                int row = CellOf(edges, y), col = CellOf(edges, x);
                Assert.True(Math.Abs(naive[y, x] - heatmap[row, col]) < 1e-5f, $"pixel ({x}, {y}): naive {naive[y, x]}, cell ({row}, {col}) {heatmap[row, col]}");
            }
        }
    }

    [Fact]
    public void The_peak_falls_on_the_only_region_the_channel_reads_and_the_rest_stays_cold()
    {
        // Given a red square on white, inside the one region (pixels 20–27 across, 4–11 down) a channel reads
        const int Side = 32;
        var image = White(Side);
        Paint(image, 21, 5, 27, 11, (220, 30, 30));
        var channel = new RegionChannel(20, 4, 28, 12);
        float[] query = [1, 0];
        float score = TensorPrimitives.Dot(channel.Embed([image]), query);

        // When the heatmap is computed on 8 × 8 cells of 4 pixels
        var heatmap = OcclusionSensitivity.Compute(image, query, score, channel, new ExplainOptions { Grid = 8 });

        // Then its peak cell lies inside that region, and cells no patch over the region covers have no heat at all
        var (row, col) = heatmap.PeakCell();
        var peak = heatmap.CellRegion(row, col);
        Assert.InRange((peak.X + (peak.W / 2)) * Side, 20, 28);
        Assert.InRange((peak.Y + (peak.H / 2)) * Side, 4, 12);
        Assert.True(heatmap[row, col] > 0.1f, $"peak heat {heatmap[row, col]}");
        Assert.Equal(0f, heatmap[7, 0]);
        Assert.Equal(0f, heatmap[4, 2]);
    }

    [Fact]
    public void A_grid_outside_its_range_is_refused()
    {
        var image = White(16);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OcclusionSensitivity.Compute(image, [1, 0], 1, new RegionChannel(0, 0, 4, 4), new ExplainOptions { Grid = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OcclusionSensitivity.Compute(image, [1, 0], 1, new RegionChannel(0, 0, 4, 4), new ExplainOptions { Grid = 33 }));
    }

    /// <summary>The definition: paint each patch by hand, and average, per pixel, the drops of the patches covering it.</summary>
    private static float[,] NaivePixelHeat(RgbImage image, int grid, (byte R, byte G, byte B) colour, float[] query, float score, IPixelEmbedder channel)
    {
        int side = image.Width;
        var sum = new float[side, side];
        var covering = new int[side, side];
        double cell = (double)side / grid;
        for (int i = 0; i <= grid; i++)
        {
            for (int j = 0; j <= grid; j++)
            {
                // Centred on the corner (i, j), one cell each way, cut at the border.
                int top = Math.Max(0, Round((i - 1) * cell)), bottom = Math.Min(side, Round((i + 1) * cell));
                int left = Math.Max(0, Round((j - 1) * cell)), right = Math.Min(side, Round((j + 1) * cell));
                var painted = new RgbImage(side, side, (byte[])image.Pixels.Clone());
                Paint(painted, left, top, right, bottom, colour);
                float drop = score - TensorPrimitives.Dot(channel.Embed([painted]), query);
                for (int y = top; y < bottom; y++)
                {
                    for (int x = left; x < right; x++)
                    {
                        sum[y, x] += drop;
                        covering[y, x]++;
                    }
                }
            }
        }

        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                Assert.True(covering[y, x] == 4, $"pixel ({x}, {y}) is under {covering[y, x]} patches");
                sum[y, x] /= covering[y, x];
            }
        }

        return sum;
    }

    private static (byte R, byte G, byte B) Mean(RgbImage image)
    {
        var pixels = Enumerable.Range(0, image.Width * image.Height).Select(p => image.GetPixel(p % image.Width, p / image.Width)).ToList();
        return ((byte)Math.Round(pixels.Average(p => p.R)), (byte)Math.Round(pixels.Average(p => p.G)), (byte)Math.Round(pixels.Average(p => p.B)));
    }

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    private static int CellOf(int[] edges, int pixel) => Array.FindLastIndex(edges, e => e <= pixel);

    private static RgbImage White(int side) => new(side, side, Enumerable.Repeat((byte)255, side * side * 3).ToArray());

    private static RgbImage Noise(int side, int seed)
    {
        var pixels = new byte[side * side * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(side, side, pixels);
    }

    private static void Paint(RgbImage image, int left, int top, int right, int bottom, (byte R, byte G, byte B) colour)
    {
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                int i = 3 * ((y * image.Width) + x);
                (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]) = colour;
            }
        }
    }

    private static float[] Unit(float[] vector)
    {
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    /// <summary>A channel that reads every pixel: four position- and colour-weighted sums, made a unit vector.</summary>
    private sealed class WholeImageChannel : IPixelEmbedder
    {
        public (byte R, byte G, byte B) NeutralColour => Grey;

        public float[] Embed(IReadOnlyList<RgbImage> images) => [.. images.SelectMany(image =>
        {
            var v = new float[4];
            for (int y = 0; y < image.Height; y++)
            {
                for (int x = 0; x < image.Width; x++)
                {
                    var (r, g, b) = image.GetPixel(x, y);
                    v[0] += r * (1 + x);
                    v[1] += g * (1 + y);
                    v[2] += b;
                    v[3] += (r - b) * (x - y);
                }
            }

            return Unit(v);
        })];
    }

    /// <summary>A channel that sees only the pixels of one box: how red they are, against a constant.</summary>
    private sealed class RegionChannel(int left, int top, int right, int bottom) : IPixelEmbedder
    {
        public (byte R, byte G, byte B) NeutralColour => Grey;

        public float[] Embed(IReadOnlyList<RgbImage> images) => [.. images.SelectMany(image =>
        {
            float redness = 0;
            for (int y = top; y < bottom; y++)
            {
                for (int x = left; x < right; x++)
                {
                    var (r, g, b) = image.GetPixel(x, y);
                    redness += Math.Max(0, r - ((g + b) / 2)) / 255f;
                }
            }

            return Unit([redness / ((right - left) * (bottom - top)), 0.2f]);
        })];
    }
}
