using Itm.Data.Images;

namespace Itm.Data.Tests.Images;

/// <summary>The two cuts the multi-scale views make: a region copied, and the picture at half size by 2 × 2 means.</summary>
public sealed class CroppedAndHalvedImageTests
{
    [Theory]
    [InlineData(6, 4, 0, 0, 3, 2)]
    [InlineData(6, 4, 3, 2, 3, 2)]
    [InlineData(5, 7, 1, 2, 4, 5)]
    public void A_crop_holds_the_pixels_of_its_region(int width, int height, int x0, int y0, int w, int h)
    {
        var image = Random(width, height);

        var cropped = image.Cropped(x0, y0, w, h);

        Assert.Equal((w, h), (cropped.Width, cropped.Height));
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                Assert.Equal(image.GetPixel(x0 + x, y0 + y), cropped.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void A_crop_past_the_edge_is_refused()
    {
        var image = Random(4, 4);

        Assert.Throws<ArgumentOutOfRangeException>(() => image.Cropped(2, 0, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Cropped(0, 3, 2, 2));
    }

    [Theory]
    [InlineData(8, 6)]
    [InlineData(7, 5)]
    public void Each_pixel_of_the_half_size_image_is_its_blocks_mean_rounded_half_up(int width, int height)
    {
        var image = Random(width, height);

        var halved = image.Halved();

        Assert.Equal((width / 2, height / 2), (halved.Width, halved.Height));
        for (int y = 0; y < halved.Height; y++)
        {
            for (int x = 0; x < halved.Width; x++)
            {
                var block = new[] { image.GetPixel(2 * x, 2 * y), image.GetPixel((2 * x) + 1, 2 * y), image.GetPixel(2 * x, (2 * y) + 1), image.GetPixel((2 * x) + 1, (2 * y) + 1) };
                var expected = (Mean(block.Select(p => p.R)), Mean(block.Select(p => p.G)), Mean(block.Select(p => p.B)));
                Assert.Equal(expected, halved.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Rounding_goes_half_up()
    {
        // 1, 2, 2, 1 → 1.5 → 2; 0, 0, 0, 1 → 0.25 → 0; 255 everywhere stays 255.
        var image = new RgbImage(2, 2, [1, 0, 255, 2, 0, 255, 2, 0, 255, 1, 1, 255]);

        Assert.Equal(((byte)2, (byte)0, (byte)255), image.Halved().GetPixel(0, 0));
    }

    private static byte Mean(IEnumerable<byte> values) => (byte)Math.Floor((values.Sum(v => v) / 4.0) + 0.5);

    private static RgbImage Random(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        new Random((width * 31) + height).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
