using Itm.Data.Tests.Fixtures.Readers;
using SkiaSharp;

namespace Itm.Data.Recipes.Tests;

/// <summary>
/// Tiny fake freedesktop icon themes written into a test folder, in the layout Debian installs: an index.theme, folders by
/// size and context, symbolic links between names.
/// </summary>
internal static class IconThemeFixtures
{
    /// <summary>The first fake theme, as the recipe's list names it.</summary>
    public static readonly IconTheme Fake = new("Fake", "fake-icon-theme", "public-domain");

    /// <summary>A second one, read after <see cref="Fake"/>.</summary>
    public static readonly IconTheme Other = new("Other", "other-icon-theme", "GPL-3+");

    /// <summary>A theme the tests never write: not installed.</summary>
    public static readonly IconTheme Absent = new("Absent", "absent-icon-theme", "CC0-1.0");

    public const string RedPrinter = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="6" width="20" height="12" fill="#d03030"/><rect x="6" y="2" width="12" height="6" fill="#f0f0f0" stroke="#404040"/></svg>""";

    public const string BluePrinter = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="6" width="20" height="12" fill="#3050d0"/></svg>""";

    public const string GreenCalculator = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="4" y="2" width="16" height="20" rx="2" fill="#30a040"/></svg>""";

    /// <summary>Black bars of one ink: what a toolbar glyph looks like.</summary>
    public const string BlackGlyph = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M2 2H22V8H2Z M2 14H22V20H2Z" fill="#000000"/></svg>""";

    public const string NotXml = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" """;

    /// <summary>
    /// Writes theme "Fake" under <c>icons/</c> and returns the icons root. What it holds, and what the recipe must make of it:
    /// <list type="bullet">
    /// <item>devices/printer: a scalable SVG (chosen) and a 48-pixel PNG; gnome-dev-printer and printer-old link to the SVG
    /// (aliases); printer-copy in status is a byte copy of it (a duplicate drawing).</item>
    /// <item>devices/input-keyboard: PNGs at 16 and 48 pixels (the 48 is chosen), no SVG.</item>
    /// <item>devices/camera-photo-symbolic.svg and everything in symbolic/devices: symbolic.</item>
    /// <item>devices/drive-harddisk.svg: not XML (broken).</item>
    /// <item>mimetypes/text-x-generic.svg: a skipped context.</item>
    /// <item>status/weather-showers-scattered.png: kept; status/dialog-warning.svg: a one-ink glyph (monochrome).</item>
    /// <item>apps: accessories-calculator (kept), firefox (a brand), org.gnome.Calculator (an application id), ".svg" (an empty name).</item>
    /// <item>devices/scanner.svg: a link to a missing file.</item>
    /// </list>
    /// </summary>
    public static string WriteFake(TempDataFolder folder)
    {
        string theme = "icons/Fake";
        folder.WriteText($"{theme}/index.theme", """
            [Icon Theme]
            Name=Fake
            Comment=A theme for tests
            Directories=16x16/devices,48x48/devices,48x48/status,48x48/apps,scalable/devices,scalable/mimetypes,scalable/status,symbolic/devices,

            [16x16/devices]
            Size=16
            Context=Devices
            Type=Fixed

            [48x48/devices]
            Size=48
            Context=Devices
            Type=Fixed

            [48x48/status]
            Size=48
            Context=Status
            Type=Fixed

            [48x48/apps]
            Size=48
            Context=Applications
            Type=Fixed

            [scalable/devices]
            Size=48
            MinSize=8
            MaxSize=512
            Context=Devices
            Type=Scalable

            [scalable/mimetypes]
            Size=48
            Context=MimeTypes
            Type=Scalable

            [scalable/status]
            Size=48
            Context=Status
            Type=Scalable

            [symbolic/devices]
            Size=16
            Context=Devices
            Type=Scalable
            """);
        folder.WriteText($"{theme}/scalable/devices/printer.svg", RedPrinter);
        Link(folder, $"{theme}/scalable/devices/gnome-dev-printer.svg", "printer.svg");
        Link(folder, $"{theme}/scalable/devices/printer-old.svg", "gnome-dev-printer.svg");
        WritePng(folder, $"{theme}/48x48/devices/printer.png", 48, new SKColor(0xd0, 0x30, 0x30));
        folder.WriteText($"{theme}/scalable/status/printer-copy.svg", RedPrinter);
        WritePng(folder, $"{theme}/16x16/devices/input-keyboard.png", 16, new SKColor(0x20, 0x80, 0xe0));
        WritePng(folder, $"{theme}/48x48/devices/input-keyboard.png", 48, new SKColor(0x20, 0x80, 0xe0));
        folder.WriteText($"{theme}/scalable/devices/camera-photo-symbolic.svg", BlackGlyph);
        folder.WriteText($"{theme}/symbolic/devices/camera.svg", BlackGlyph);
        folder.WriteText($"{theme}/scalable/devices/drive-harddisk.svg", NotXml);
        Link(folder, $"{theme}/scalable/devices/scanner.svg", "no-such-file.svg");
        folder.WriteText($"{theme}/scalable/mimetypes/text-x-generic.svg", BluePrinter);
        WritePng(folder, $"{theme}/48x48/status/weather-showers-scattered.png", 48, new SKColor(0x40, 0x90, 0xd0));
        folder.WriteText($"{theme}/scalable/status/dialog-warning.svg", BlackGlyph);
        folder.WriteText($"{theme}/48x48/apps/accessories-calculator.svg", GreenCalculator);
        folder.WriteText($"{theme}/48x48/apps/firefox.svg", BluePrinter);
        folder.WriteText($"{theme}/48x48/apps/org.gnome.Calculator.svg", GreenCalculator);
        folder.WriteText($"{theme}/48x48/apps/.svg", GreenCalculator);
        return folder.PathOf("icons");
    }

    /// <summary>
    /// Writes theme "Other" beside "Fake": its own printer (another drawing, so another image, in the same split group as
    /// Fake's), and a keyboard whose pixels are Fake's input-keyboard's (merged into it, captions united).
    /// </summary>
    public static void WriteOther(TempDataFolder folder)
    {
        string theme = "icons/Other";
        folder.WriteText($"{theme}/index.theme", """
            [Icon Theme]
            Name=Other
            Directories=devices/48

            [devices/48]
            Size=48
            Context=Devices
            Type=Fixed
            """);
        folder.WriteText($"{theme}/devices/48/printer.svg", BluePrinter);
        WritePng(folder, $"{theme}/devices/48/keyboard.png", 48, new SKColor(0x20, 0x80, 0xe0));
    }

    /// <summary>A PNG of <paramref name="size"/> pixels: a filled square of <paramref name="colour"/> with a transparent margin.</summary>
    public static void WritePng(TempDataFolder folder, string relative, int size, SKColor colour)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = colour })
            canvas.DrawRect(size / 8f, size / 8f, size * 3 / 4f, size * 3 / 4f, paint);
        string path = folder.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    /// <summary>A relative symbolic link, as themes ship them ("printer-old.svg" → "printer.svg").</summary>
    public static void Link(TempDataFolder folder, string relative, string target)
    {
        string path = folder.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }
}
