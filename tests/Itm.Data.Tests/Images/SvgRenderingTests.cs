using System.Diagnostics;
using Itm.Data.Images;
using SkiaSharp;
using static Itm.Data.Tests.Images.TestImages;

namespace Itm.Data.Tests.Images;

public sealed class SvgRenderingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ImageLoader _loader = new(new ImageLoadOptions { TargetSize = 64 });

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Should_Render_A_Red_Rectangle_As_Red_Pixels()
    {
        var path = _folder.Write("red.svg", Utf8(SvgDocument(50, 50, """<rect x="0" y="0" width="50" height="50" fill="#ff0000"/>""")));

        var image = _loader.Load(path);

        Assert.Equal((64, 64), (image.Width, image.Height));
        PixelAssert.AllNear(Red, image, tolerance: 1);
    }

    [Fact]
    public void Should_Draw_An_Svg_On_White_And_Crop_Its_Centre()
    {
        // Given a 200x100 drawing: a red bar at the far left, a blue disc in the middle, the rest transparent
        var body = """<rect x="0" y="0" width="40" height="100" fill="red"/><circle cx="100" cy="50" r="20" fill="blue"/>""";
        var path = _folder.Write("wide.svg", Utf8(SvgDocument(200, 100, body)));

        var image = _loader.Load(path);

        // Then the centre square shows the disc on white; the red bar was cropped away
        PixelAssert.Near(Blue, image, 32, 32, tolerance: 1);
        PixelAssert.Near(SKColors.White, image, 2, 2, tolerance: 1);
        Assert.DoesNotContain(Enumerable.Range(0, 64), x => image.GetPixel(x, 32) is (> 200, < 50, < 50));
    }

    [Fact]
    public void Should_Draw_Svg_Text_In_A_Registered_Font()
    {
        if (!SvgFonts.Shared.Available)
        {
            return; // no fonts-dejavu-core here: text draws nothing (CI installs it)
        }

        // Given big black text across the middle of a white drawing, nothing else
        var body = """<text x="2" y="34" font-family="sans-serif" font-size="24" fill="black">HHH</text>""";
        var path = _folder.Write("text.svg", Utf8(SvgDocument(50, 50, body)));

        var image = _loader.Load(path);

        // Then the band the letters occupy has dark pixels, and the top corner stays white
        var dark = 0;
        for (var y = 24; y < 44; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                dark += image.GetPixel(x, y) is (< 80, < 80, < 80) ? 1 : 0;
            }
        }

        Assert.True(dark > 100, $"Only {dark} dark pixels where the text is: the SVG text was not drawn.");
        PixelAssert.Near(SKColors.White, image, 2, 2, tolerance: 1);
    }

    [Theory]
    [InlineData("sans-serif", SKFontStyleWeight.Normal, "DejaVuSans.ttf")]
    [InlineData("Arial", SKFontStyleWeight.Bold, "DejaVuSans-Bold.ttf")]
    [InlineData("Times New Roman, serif", SKFontStyleWeight.Normal, "DejaVuSerif.ttf")]
    [InlineData("monospace", SKFontStyleWeight.Bold, "DejaVuSansMono-Bold.ttf")]
    public void Should_Pick_A_DejaVu_File_By_Family_And_Weight(string family, SKFontStyleWeight weight, string expected) =>
        Assert.Equal(expected, SvgFonts.FileFor(family, weight));

    [Fact]
    public void Should_Give_No_Typeface_When_No_Font_Is_Installed()
    {
        var fonts = new SvgFonts(Path.Combine(_folder.Path, "no-fonts"));

        Assert.False(fonts.Available);
        Assert.Null(fonts.FromFamilyName("sans-serif", SKFontStyleWeight.Normal, SKFontStyleWidth.Normal, SKFontStyleSlant.Upright));
    }

    [Fact]
    public void Should_Not_Fetch_Images_Referenced_From_Outside_The_Document()
    {
        // Given a red PNG next to an SVG that places it by relative path and by file: URI
        var red = _folder.Write("red.png", Png(8, 8, (_, _) => Red));
        var body = $"""<image x="0" y="0" width="25" height="50" href="red.png"/><image x="25" y="0" width="25" height="50" xlink:href="{new Uri(red).AbsoluteUri}"/>""";
        var path = _folder.Write("external.svg", Utf8(SvgDocument(50, 50, body)));

        var image = _loader.Load(path);

        // Then nothing is drawn from outside: the picture stays white
        PixelAssert.AllNear(SKColors.White, image, tolerance: 1);
    }

    [Fact]
    public void Should_Draw_Images_Embedded_As_Data_Uris()
    {
        var red = Convert.ToBase64String(Png(8, 8, (_, _) => Red));
        var path = _folder.Write("embedded.svg", Utf8(SvgDocument(50, 50, $"""<image x="0" y="0" width="50" height="50" href="data:image/png;base64,{red}"/>""")));

        var image = _loader.Load(path);

        PixelAssert.Near(Red, image, 32, 32, tolerance: 2);
    }

    [Fact]
    public void Should_Not_Read_External_Entities()
    {
        // Given a stylesheet on disk that would turn the rectangle red, pulled in through an external entity
        var css = _folder.Write("evil.css", Utf8("rect { fill: red }"));
        var svg = $"""
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY css SYSTEM "{new Uri(css).AbsoluteUri}"> ]>
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>&css;</style><rect width="10" height="10" fill="blue"/></svg>
            """;
        var path = _folder.Write("xxe.svg", Utf8(svg));

        // When it is loaded, it is refused, naming the entity
        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.Corrupt, error.Failure);
        Assert.Contains("&css;", error.Message);
    }

    [Fact]
    public void Should_Accept_Internal_Entities_As_Illustrator_Writes_Them()
    {
        var svg = """
            <?xml version="1.0"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
              <!ENTITY ns_svg "http://www.w3.org/2000/svg">
              <!ENTITY fill "#0000ff">
            ]>
            <svg xmlns="&ns_svg;" width="10" height="10"><rect width="10" height="10" fill="&fill;"/></svg>
            """;
        var path = _folder.Write("illustrator.svg", Utf8(svg));

        var image = _loader.Load(path);

        PixelAssert.Near(Blue, image, 32, 32, tolerance: 1);
    }

    [Fact]
    public void Should_Refuse_An_Exponential_Entity_Expansion_Quickly()
    {
        // Given the "billion laughs": ten levels of ten-fold expansion
        var entities = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"""<!ENTITY l{i} "{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}">"""));
        var svg = $"""
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY l0 "lol"> {entities} ]>
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><desc>&l9;</desc></svg>
            """;
        var path = _folder.Write("lol.svg", Utf8(svg));
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<ImageLoadException>(() => _loader.Load(path));

        Assert.Equal(ImageLoadFailure.Corrupt, error.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Took {clock.Elapsed}.");
    }

    [Fact]
    public void Should_Read_A_Gzipped_Svgz()
    {
        var svg = Utf8(SvgDocument(10, 10, """<rect width="10" height="10" fill="#00ff00"/>"""));
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(svg);
        }

        var image = _loader.Load(_folder.Write("a.svgz", compressed.ToArray()));

        PixelAssert.AllNear(Green, image, tolerance: 1);
    }
}
