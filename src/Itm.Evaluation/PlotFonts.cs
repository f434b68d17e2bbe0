using ScottPlot;

namespace Itm.Evaluation;

/// <summary>
/// The typeface plots write with. SkiaSharp's dependency-free native build doesn't read the system's
/// font configuration, so without help every label is blank; we register the first common TrueType
/// sans-serif font found on disk (Debian: fonts-dejavu-core) and fall back to ScottPlot's default.
/// </summary>
internal static class PlotFonts
{
    private const string Family = "itm-sans";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/Library/Fonts/Arial.ttf",
        "C:/Windows/Fonts/arial.ttf",
    ];

    private static readonly Lazy<string> Resolved = new(() =>
    {
        string? file = Candidates.FirstOrDefault(File.Exists);
        if (file is null)
        {
            return Fonts.Sans;
        }

        Fonts.AddFontFile(Family, file);
        return Family;
    });

    /// <summary>The font name to give <c>plot.Font.Set</c>.</summary>
    public static string Sans => Resolved.Value;

    /// <summary>Saves a plot as a PNG, creating the folder if needed.</summary>
    public static void SavePng(Plot plot, string pngPath, int width, int height)
    {
        string full = Path.GetFullPath(pngPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        plot.SavePng(full, width, height);
    }
}
