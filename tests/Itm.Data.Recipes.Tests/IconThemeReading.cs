using Itm.Data.Images;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class IconThemeReading : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_index_lists_plain_and_scaled_folders_with_their_context_size_and_type()
    {
        string index = _folder.WriteText("t/index.theme", """
            # a comment
            [Icon Theme]
            Name=T
            Name[de]=T
            Directories=48x48/devices, scalable/places,48x48/devices,
            ScaledDirectories=48x48@2x/devices

            [48x48/devices]
            Size=48
            Context=Devices
            Type=Fixed

            [scalable/places]
            Size=16
            MaxSize=256
            Context=Places
            Type=Scalable

            [48x48@2x/devices]
            Size=48
            Scale=2
            Context=Devices
            """);

        IReadOnlyList<IconThemeDirectory> folders = IconThemeIndex.Read(index);

        Assert.Equal(
            [
                new IconThemeDirectory("48x48/devices", "Devices", 48, 1, false),
                new IconThemeDirectory("scalable/places", "Places", 256, 1, true),
                new IconThemeDirectory("48x48@2x/devices", "Devices", 48, 2, false),
            ],
            folders);
        Assert.Equal(96, folders[2].Pixels);
    }

    [Fact]
    public void An_index_without_an_icon_theme_section_is_an_error_naming_it()
    {
        string index = _folder.WriteText("t/index.theme", "[Something]\nName=x\n");

        var error = Assert.Throws<InvalidDataException>(() => IconThemeIndex.Read(index));

        Assert.Contains(index, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_paths_follow_links_of_files_and_of_folders()
    {
        string file = _folder.WriteText("real/48/printer.svg", IconThemeFixtures.RedPrinter);
        IconThemeFixtures.Link(_folder, "real/48/gtk-print.svg", "printer.svg");
        IconThemeFixtures.Link(_folder, "real/48/old-print.svg", "gtk-print.svg");
        Directory.CreateSymbolicLink(_folder.PathOf("real/48@2x"), "48");

        Assert.Equal(file, RealPath.Of(_folder.PathOf("real/48/old-print.svg")));
        Assert.Equal(file, RealPath.Of(_folder.PathOf("real/48@2x/gtk-print.svg")));
        Assert.Equal(file, RealPath.Of(file));
    }

    [Fact]
    public void Colour_tells_coloured_drawings_from_one_ink_glyphs_and_shaded_greys()
    {
        var loader = new ImageLoader(new ImageLoadOptions { TargetSize = 32, Fit = ImageFit.Contain });
        IconColour Measure(string svg) => IconColour.Of(loader.Load(System.Text.Encoding.UTF8.GetBytes(svg), "x.svg"));
        const string ShadedGrey = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0">
            <stop offset="0" stop-color="#202020"/><stop offset="1" stop-color="#d0d0d0"/></linearGradient></defs>
            <rect x="2" y="2" width="20" height="20" fill="url(#g)"/></svg>
            """;
        const string WhiteGlyph = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="2" width="20" height="20" fill="#ffffff"/></svg>""";

        IconColour red = Measure(IconThemeFixtures.RedPrinter);
        IconColour glyph = Measure(IconThemeFixtures.BlackGlyph);
        IconColour shaded = Measure(ShadedGrey);
        IconColour white = Measure(WhiteGlyph);

        Assert.False(red.IsMonochrome(0.1, 0.7));
        Assert.True(glyph.IsMonochrome(0.1, 0.7));
        Assert.Equal(0, shaded.ColouredShare);
        Assert.False(shaded.IsMonochrome(0.1, 0.7));
        Assert.Equal(0, white.DrawnShare);
    }

    [Fact]
    public void Grouping_by_keys_joins_items_sharing_any_key_transitively()
    {
        IReadOnlyList<IReadOnlyList<string>> keys = [["printer"], ["keyboard", "input-keyboard"], ["scanner"], ["input-keyboard"], []];

        IReadOnlyList<IReadOnlyList<int>> groups = NearDuplicateGrouper.GroupByKeys(keys);

        Assert.Equal([[0], [1, 3], [2], [4]], groups);
    }
}
