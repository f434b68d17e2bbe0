using Itm.Data.Images;
using SkiaSharp;
using static Itm.Data.Tests.Images.TestImages;

namespace Itm.Data.Tests.Images;

public sealed class ImageLoaderGeometryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Should_Keep_Only_The_Centre_Square_Of_A_Landscape_Image()
    {
        // Given 400x200: red quarter, green half, blue quarter. Scaled to 448x224, the centre 224 columns are the green half.
        var path = _folder.Write("wide.png", Png(400, 200, (x, _) => x < 100 ? Red : x < 300 ? Green : Blue));

        var image = new ImageLoader().Load(path);

        Assert.Equal((224, 224), (image.Width, image.Height));
        PixelAssert.Near(Green, image, 2, 2);
        PixelAssert.Near(Green, image, 221, 221);
        PixelAssert.Near(Green, image, 112, 112);
    }

    [Fact]
    public void Should_Keep_Only_The_Centre_Square_Of_A_Portrait_Image()
    {
        var path = _folder.Write("tall.png", Png(200, 400, (_, y) => y < 100 ? Red : y < 300 ? Green : Blue));

        var image = new ImageLoader().Load(path);

        PixelAssert.Near(Green, image, 2, 2);
        PixelAssert.Near(Green, image, 221, 221);
    }

    [Fact]
    public void Should_Fit_The_Whole_Image_On_White_When_Asked_To_Contain_It()
    {
        // Given 400x200: red quarter, green half, blue quarter. Scaled to 224x112, centred: white bands above and below.
        var png = _folder.Write("wide.png", Png(400, 200, (x, _) => x < 100 ? Red : x < 300 ? Green : Blue));
        var svg = _folder.Write("wide.svg", Utf8(SvgDocument(400, 200,
            """<rect width="100" height="200" fill="#f00"/><rect x="100" width="200" height="200" fill="#0f0"/><rect x="300" width="100" height="200" fill="#00f"/>""")));
        var loader = new ImageLoader(new ImageLoadOptions { Fit = ImageFit.Contain });

        foreach (var image in new[] { loader.Load(png), loader.Load(svg) })
        {
            Assert.Equal((224, 224), (image.Width, image.Height));
            PixelAssert.Near(SKColors.White, image, 112, 20);
            PixelAssert.Near(SKColors.White, image, 112, 203);
            PixelAssert.Near(Red, image, 10, 112);
            PixelAssert.Near(Green, image, 112, 112);
            PixelAssert.Near(Blue, image, 213, 112);
        }
    }

    [Fact]
    public void Should_Enlarge_A_Small_Image_So_Its_Shorter_Side_Fills_The_Target()
    {
        // Given 10x20, red over blue: enlarged to 224x448, the centre square is the lower half of red over the upper half of blue
        var path = _folder.Write("small.png", Png(10, 20, (_, y) => y < 10 ? Red : Blue));

        var image = new ImageLoader().Load(path);

        PixelAssert.Near(Red, image, 112, 20, tolerance: 4);
        PixelAssert.Near(Blue, image, 112, 204, tolerance: 4);
    }

    [Fact]
    public void Should_Give_The_Same_Picture_From_A_Reduced_Scale_Jpeg_Decode()
    {
        // Given a large photo-like JPEG (smooth gradients) and the same pixels as a PNG, which is always decoded at full size
        static SKColor Paint(int x, int y) => new((byte)(x * 255 / 1599), (byte)(y * 255 / 1199), (byte)((x + y) * 255 / 2798));
        var jpeg = _folder.Write("big.jpg", Jpeg(1600, 1200, Paint));
        var png = _folder.Write("big.png", Png(1600, 1200, Paint));
        var loader = new ImageLoader();

        // When both are loaded (the JPEG through the 1/4-scale DCT path)
        var fast = loader.Load(jpeg);
        var full = loader.Load(png);

        // Then they differ by no more than JPEG noise
        var meanAbs = fast.Pixels.Zip(full.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanAbs < 2.0, $"Mean absolute difference {meanAbs:0.00} levels.");
    }

    [Fact]
    public void Should_Produce_A_Chw_Tensor_With_Channel_Order_Scale_Mean_Std_And_Mean_Image()
    {
        // Given a 2x1 image: pixel 0 = (10, 20, 30), pixel 1 = (40, 50, 60)
        var image = new RgbImage(2, 1, [10, 20, 30, 40, 50, 60]);

        // When written as BGR, scaled by 2, minus per-channel and per-pixel means, over std 2
        var chw = image.ToChw(new ChwNormalization
        {
            ChannelOrder = ChannelOrder.Bgr,
            Scale = 2f,
            Mean = [1f, 2f, 3f],
            Std = [2f, 2f, 2f],
            MeanImage = new float[] { 0, 1, 0, 0, 0, 0 },
        });

        // Then plane 0 is blue, plane 2 is red, each value (2v - mean - meanImage) / 2
        Assert.Equal([(60 - 1 - 0) / 2f, (120 - 1 - 1) / 2f, (40 - 2) / 2f, (100 - 2) / 2f, (20 - 3) / 2f, (80 - 3) / 2f], chw);
    }

    [Fact]
    public void Should_Name_The_Colour_That_A_Normalization_Maps_Nearest_To_Zero()
    {
        // Given ResNet-like preprocessing (BGR, channel means and a per-pixel mean image) and the ConvNet's ([-1, 1])
        var bgr = new ChwNormalization
        {
            ChannelOrder = ChannelOrder.Bgr,
            Mean = [100f, 110f, 120f],
            MeanImage = new float[] { 2, 4, 5, 7, 0, 0 },   // [3 channels, 2 pixels]: +3, +6, 0 on average
        };
        var centred = new ChwNormalization { Scale = 1f / 255f, Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] };

        // Then painted with its neutral colour, an image becomes (nearly) zeros: red is the third BGR plane
        Assert.Equal(((byte)120, (byte)116, (byte)103), bgr.NeutralColour());
        var (r, g, b) = centred.NeutralColour();   // 127.5 either way: half a step from zero
        Assert.All(new RgbImage(1, 1, [r, g, b]).ToChw(centred), v => Assert.InRange(v, -0.01f, 0.01f));
    }
}
