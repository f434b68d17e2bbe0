using Itm.Data.Images;
using SkiaSharp;
using static Itm.Data.Tests.Images.TestImages;

namespace Itm.Data.Tests.Images;

public sealed class ImageLoaderFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ImageLoader _loader = new(new ImageLoadOptions { TargetSize = 32 });

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "a.png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "a.jpg")]
    [InlineData(SKEncodedImageFormat.Webp, "a.webp")]
    public void Should_Decode_Skia_Encoded_Formats_To_A_Square_Of_The_Target_Size(SKEncodedImageFormat format, string name)
    {
        // Given a 48x48 picture: red on the left, blue on the right
        var path = _folder.Write(name, Encode(format, 48, 48, (x, _) => RedLeftBlueRight(x, 48)));

        // When it is loaded at 32x32
        var image = _loader.Load(path);

        // Then the halves keep their colours
        Assert.Equal(32, image.Width);
        Assert.Equal(32, image.Height);
        PixelAssert.Near(Red, image, 4, 16);
        PixelAssert.Near(Blue, image, 27, 16);
    }

    [Fact]
    public void Should_Decode_A_24_Bit_Bmp_With_Bottom_Up_Rows()
    {
        // Given a BMP with a red top half and a green bottom half (rows are stored bottom first)
        var path = _folder.Write("a.bmp", Bmp(10, 10, (_, y) => y < 5 ? Red : Green));

        var image = _loader.Load(path);

        PixelAssert.Near(Red, image, 16, 3, tolerance: 2);
        PixelAssert.Near(Green, image, 16, 28, tolerance: 2);
    }

    [Fact]
    public void Should_Take_The_First_Frame_Of_An_Animated_Gif()
    {
        // Given a two-frame GIF: red, then blue
        var path = _folder.Write("a.gif", Gif(6, 4, Red, Blue));

        var image = _loader.Load(path);

        PixelAssert.AllNear(Red, image, tolerance: 2);
    }

    [Fact]
    public void Should_Composite_Transparent_Pixels_On_White()
    {
        // Given a PNG: fully transparent on the left, half-transparent red on the right
        var path = _folder.Write("alpha.png", Png(20, 20, (x, _) => x < 10 ? SKColors.Transparent : Red.WithAlpha(128)));

        var image = _loader.Load(path);

        PixelAssert.Near(SKColors.White, image, 3, 16, tolerance: 2);
        PixelAssert.Near(new SKColor(255, 127, 127), image, 28, 16, tolerance: 3);
    }

    [Fact]
    public void Should_Load_From_Memory_As_From_A_File()
    {
        var bytes = Png(16, 16, (x, _) => RedLeftBlueRight(x, 16));
        var fromFile = _loader.Load(_folder.Write("m.png", bytes));

        var fromMemory = _loader.Load(bytes, "upload.png");

        Assert.Equal(fromFile.Pixels, fromMemory.Pixels);
    }

    [Theory]
    [InlineData(6)] // rotate 90° clockwise to display
    [InlineData(8)] // rotate 90° counter-clockwise
    [InlineData(3)] // rotate 180°
    [InlineData(1)] // as stored
    public void Should_Apply_The_Exif_Orientation_Of_A_Jpeg(ushort orientation)
    {
        // Given a landscape JPEG, red left and blue right, with an EXIF orientation
        var jpeg = Jpeg(64, 32, (x, _) => RedLeftBlueRight(x, 64));
        var path = _folder.Write($"exif{orientation}.jpg", WithExifOrientation(jpeg, orientation));

        // When it is loaded (portrait after a quarter turn, so the crop keeps the middle of the long axis)
        var image = _loader.Load(path);

        // Then the colours sit where a viewer shows them
        var (first, second) = orientation switch
        {
            6 => ((16, 4), (16, 27)),   // red on top, blue below
            8 => ((16, 27), (16, 4)),   // blue on top, red below
            3 => ((27, 16), (4, 16)),   // blue left, red right
            _ => ((4, 16), (27, 16)),
        };
        PixelAssert.Near(Red, image, first.Item1, first.Item2);
        PixelAssert.Near(Blue, image, second.Item1, second.Item2);
    }
}
