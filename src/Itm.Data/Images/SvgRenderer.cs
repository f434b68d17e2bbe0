using System.Text.RegularExpressions;
using System.Xml;
using SkiaSharp;
using Svg;
using Svg.Model;
using Svg.Skia;

namespace Itm.Data.Images;

/// <summary>
/// SVG through Svg.Skia, drawn straight at the target size (vector, so no resampling) on white. Files come from
/// users and from the web, so nothing outside the document is ever fetched: only same-document references and
/// data: URIs are followed, scripting is off, and entity expansion is bounded.
/// </summary>
internal static partial class SvgRenderer
{
    // Illustrator exports declare a handful of namespace entities; a million characters is far above any real
    // file and far below a "billion laughs" expansion.
    private const long MaxEntityCharacters = 1_000_000;

    // A fresh instance per document: the library keeps a reference to its load options on the document it builds.
    private static SvgParameters SecureParameters() => new(
        Entities: null,
        Css: null,
        CurrentColor: null,
        LoadOptions: new SvgDocumentLoadOptions
        {
            ProcessingMode = SvgProcessingMode.SecureStatic,
            ExternalResources = SvgExternalResourcePolicy.SameDocumentAndDataOnly,
        });

    /// <summary>True when the bytes start (after a BOM and whitespace) with markup and name an &lt;svg&gt; element early on.</summary>
    public static bool LooksLikeSvg(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 16 * 1024)];
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        return head.StartsWith("<"u8) && head.IndexOf("<svg"u8) >= 0;
    }

    public static RgbImage Render(ReadOnlySpan<byte> svgBytes, string name, int target, ImageFit fit = ImageFit.CropCenter)
    {
        if (svgBytes.IndexOf("<!ENTITY"u8) >= 0)
        {
            CheckEntities(svgBytes, name);
        }

        using var svg = new SKSvg();
        svg.Settings.EnableJavaScript = false;
        svg.Settings.EnableExternalJavaScript = false;

        // A refused reference would otherwise be drawn as a grey placeholder box, which is not in the picture.
        svg.Settings.EnableBrokenImagePlaceholders = false;

        // First in the list: Skia's own providers answer with an empty default typeface here (no system fonts).
        svg.Settings.TypefaceProviders = [SvgFonts.Shared, .. svg.Settings.TypefaceProviders ?? []];
        SKPicture? picture;
        try
        {
            using var stream = new MemoryStream(svgBytes.ToArray(), writable: false);
            picture = svg.Load(stream, SecureParameters());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // SVG files are untrusted input and Svg.Skia reports malformed ones through many exception types (XML, format,
            // cast, null reference...). To the user they all mean one thing, and with "skip unreadable" one bad drawing
            // must not end a run over thousands. All 9,171 OpenClipart and Tux Paint SVGs/PNGs here load but one.
            throw new ImageLoadException(name, ImageLoadFailure.Corrupt, $"it is not a valid SVG document ({e.Message})", e);
        }

        if (picture is null)
        {
            throw new ImageLoadException(name, ImageLoadFailure.Corrupt, "it is not a valid SVG document (no drawable root element)");
        }

        var bounds = picture.CullRect;
        if (!(bounds.Width > 0 && bounds.Height > 0) || float.IsInfinity(bounds.Width) || float.IsInfinity(bounds.Height))
        {
            throw new ImageLoadException(name, ImageLoadFailure.Corrupt,
                $"the SVG has no usable size ({bounds.Width}x{bounds.Height}); give the root element a width/height or a viewBox");
        }

        var s = SquareCrop.Scale(bounds.Width, bounds.Height, target, fit);
        var dx = (target - (bounds.Width * s)) / 2f;
        var dy = (target - (bounds.Height * s)) / 2f;
        return SquareCrop.Render(target, canvas =>
        {
            canvas.Translate(dx, dy);
            canvas.Scale(s);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
        });
    }

    /// <summary>
    /// Reads the document once with a resolver-less, expansion-capped reader before Svg.Skia sees it: internal
    /// entities (Illustrator declares a few) still work; an exponential expansion or an external entity declaration
    /// is refused outright, whatever process-wide resolution flags the SVG library has been given.
    /// </summary>
    private static void CheckEntities(ReadOnlySpan<byte> svgBytes, string name)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse,
            XmlResolver = null,
            MaxCharactersFromEntities = MaxEntityCharacters,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(svgBytes.ToArray(), writable: false), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.DocumentType && ExternalEntity().Match(reader.Value) is { Success: true } match)
                {
                    throw new ImageLoadException(name, ImageLoadFailure.Corrupt,
                        $"the SVG declares the external entity '&{match.Groups["name"].Value};', and files outside the document are never read");
                }
            }
        }
        catch (XmlException e)
        {
            throw new ImageLoadException(name, ImageLoadFailure.Corrupt, $"its XML is invalid or expands too far ({e.Message})", e);
        }
    }

    // <!ENTITY name SYSTEM "uri"> or <!ENTITY % name PUBLIC "id" "uri"> in the internal subset.
    [GeneratedRegex("""<!ENTITY\s+(?:%\s+)?(?<name>[^\s]+)\s+(?:SYSTEM|PUBLIC)\b""")]
    private static partial Regex ExternalEntity();
}
