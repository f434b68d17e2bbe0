using System.Collections.Concurrent;
using SkiaSharp;
using Svg.Skia.TypefaceProviders;

namespace Itm.Data.Images;

/// <summary>
/// Gives SVG <c>&lt;text&gt;</c> a typeface. The dependency-free Skia build itm ships has no font manager fonts, so
/// without one every <c>&lt;text&gt;</c> draws nothing. The fonts are Debian's DejaVu (<c>apt-get install
/// fonts-dejavu-core</c>): a family naming serif or mono gets DejaVu Serif or DejaVu Sans Mono, anything else DejaVu
/// Sans, bold at weight 600 and above. Where the files are absent text is still drawn as nothing, and nothing fails.
/// </summary>
public sealed class SvgFonts : ITypefaceProvider
{
    /// <summary>Where Debian's fonts-dejavu-core puts its files.</summary>
    public const string DejaVuFolder = "/usr/share/fonts/truetype/dejavu";

    public static readonly SvgFonts Shared = new(DejaVuFolder);

    private readonly string _folder;

    // Loaded once per file and kept for the process: a typeface is immutable and safe to share between threads.
    private readonly ConcurrentDictionary<string, SKTypeface?> _loaded = new(StringComparer.Ordinal);

    public SvgFonts(string folder) => _folder = folder;

    /// <summary>True when the regular DejaVu Sans file is there, so SVG text will be drawn.</summary>
    public bool Available => File.Exists(Path.Combine(_folder, FileFor(null, SKFontStyleWeight.Normal)));

    public SKTypeface? FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle)
    {
        var file = FileFor(fontFamily, fontWeight);
        return Load(file) ?? Load(FileFor(null, SKFontStyleWeight.Normal));
    }

    /// <summary>The DejaVu file for a CSS font-family list and weight (slant and width are not matched: cheap, and legible either way).</summary>
    public static string FileFor(string? family, SKFontStyleWeight weight)
    {
        var name = family?.ToLowerInvariant() ?? "";
        var bold = (int)weight >= 600;
        if (name.Contains("mono", StringComparison.Ordinal) || name.Contains("courier", StringComparison.Ordinal))
        {
            return bold ? "DejaVuSansMono-Bold.ttf" : "DejaVuSansMono.ttf";
        }

        if (name.Contains("serif", StringComparison.Ordinal) && !name.Contains("sans", StringComparison.Ordinal)
            || name.Contains("times", StringComparison.Ordinal) || name.Contains("georgia", StringComparison.Ordinal))
        {
            return bold ? "DejaVuSerif-Bold.ttf" : "DejaVuSerif.ttf";
        }

        return bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
    }

    private SKTypeface? Load(string file) => _loaded.GetOrAdd(file, f =>
    {
        var path = Path.Combine(_folder, f);
        // From the bytes, not SKTypeface.FromFile: with the dependency-free Skia build FromFile has been seen to give
        // null for a font file it read fine a moment before (Liberation, in the OCR benchmark's generator).
        return File.Exists(path) && SKData.Create(path) is { } data ? SKTypeface.FromData(data) : null;
    });
}
