using System.Diagnostics;
using Itm.Data.Images;
using static Itm.Data.Tests.Images.TestImages;

namespace Itm.Data.Tests.Images;

public sealed class ImageLoadErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ImageLoader _loader = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Should_Name_A_Missing_File_And_Say_What_To_Do()
    {
        var path = Path.Combine(_folder.Path, "nope.jpg");

        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.Missing, error.Failure);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Contains("Check the path", error.Message);
    }

    [Fact]
    public void Should_Reject_An_Empty_File()
    {
        var path = _folder.Write("empty.png", []);

        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.Empty, error.Failure);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Should_Reject_Bytes_That_Are_Not_An_Image()
    {
        var garbage = new byte[1000];
        new Random(7).NextBytes(garbage);
        var path = _folder.Write("garbage.jpg", garbage);

        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.NotAnImage, error.Failure);
        Assert.Contains("Supported formats", error.Message);
    }

    [Theory]
    [InlineData("cut.jpg", "JPEG")]
    [InlineData("cut.png", "PNG")]
    public void Should_Call_A_Header_Cut_Short_Truncated_Not_Another_Format(string name, string format)
    {
        // Given a small image cut so early that no decoder accepts its header (a JPEG ends inside its tables)
        var bytes = name.EndsWith(".jpg", StringComparison.Ordinal) ? Jpeg(32, 32, (x, _) => RedLeftBlueRight(x, 32)) : Png(32, 32, (x, _) => RedLeftBlueRight(x, 32));
        var path = _folder.Write(name, bytes[..(name.EndsWith(".jpg", StringComparison.Ordinal) ? bytes.Length / 2 : 33)]);

        // When it is loaded, the error names the format it starts as and says it is damaged, not "not an image"
        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.Corrupt, error.Failure);
        Assert.Contains($"starts as a {format} file", error.Message);
    }

    [Fact]
    public void Should_Reject_A_Truncated_Png()
    {
        // Given a noisy PNG (so most of its bytes are image data) cut in half
        var random = new Random(1);
        var png = Png(64, 64, (_, _) => new SkiaSharp.SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        var path = _folder.Write("cut.png", png[..(png.Length / 2)]);

        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.Corrupt, error.Failure);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Should_Reject_A_Huge_Declared_Size_Before_Decoding()
    {
        // Given a 100-byte PNG that claims to be 60000 x 60000 (3.6 gigapixels, ~14 GB decoded)
        var path = _folder.Write("bomb.png", PngHeaderOnly(60_000, 60_000));
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.TooLarge, error.Failure);
        Assert.Contains("60000x60000", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Took {clock.Elapsed}: it must not have decoded.");
    }

    [Fact]
    public void Should_Reject_A_File_Over_The_Byte_Limit_Without_Reading_It()
    {
        var path = _folder.Write("big.png", Png(64, 64, (_, _) => Red));
        var loader = new ImageLoader(new ImageLoadOptions { MaxBytes = 100 });

        var error = Assert.Throws<ImageLoadException>(() => loader.Load(path));

        Assert.Equal(ImageLoadFailure.TooLarge, error.Failure);
        Assert.Contains("MaxBytes", error.Message);
    }

    [Fact]
    public void Should_Reject_An_Svg_That_Is_Not_Well_Formed()
    {
        var path = _folder.Write("broken.svg", Utf8("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" """));

        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.Corrupt, error.Failure);
        Assert.Contains("broken.svg", error.Message);
    }

    [Fact]
    public void Should_Reject_Invalid_Options()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLoader(new ImageLoadOptions { TargetSize = 0 }));
    }
}
