using Itm.Data.Images;

namespace Itm.Data.Tests.Images;

public sealed class MirroredImageTests
{
    [Theory]
    [InlineData(5, 3)]
    [InlineData(1, 4)]
    [InlineData(2, 1)]
    public void Every_pixel_moves_to_the_other_side_of_its_row_and_the_original_is_left_alone(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        new Random(width + (7 * height)).NextBytes(pixels);
        var before = (byte[])pixels.Clone();
        var image = new RgbImage(width, height, pixels);

        var mirrored = image.Mirrored();

        Assert.Equal((width, height), (mirrored.Width, mirrored.Height));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                Assert.Equal(image.GetPixel(width - 1 - x, y), mirrored.GetPixel(x, y));
            }
        }

        Assert.Equal(before, image.Pixels);
        Assert.Equal(before, mirrored.Mirrored().Pixels);
    }
}
