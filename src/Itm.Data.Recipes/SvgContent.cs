using System.Xml;

namespace Itm.Data.Recipes;

/// <summary>
/// Whether an SVG draws anything at all. OpenClipart ships files that only define a gradient (the 118 swatches of
/// "SVG Gradient Collection") or an empty style ("pen_style_nopen"): they render as a blank picture, which no
/// caption can describe.
/// </summary>
public static class SvgContent
{
    // The elements that paint. A gradient, pattern, filter or marker paints only through one of these.
    private static readonly HashSet<string> Shapes = new(StringComparer.Ordinal)
    {
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "image", "use", "foreignObject",
    };

    /// <summary>
    /// True when the document has at least one shape, text, image or <c>&lt;use&gt;</c> element, in the SVG
    /// namespace or in none (some files lack the <c>xmlns</c>, and renderers draw them anyway). Throws
    /// <see cref="XmlException"/> on malformed XML.
    /// </summary>
    public static bool DrawsSomething(byte[] svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        using var reader = XmlReader.Create(new MemoryStream(svg, writable: false), SvgMetadataReader.SafeSettings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element
                && (reader.NamespaceURI == SvgNamespaces.Svg || reader.NamespaceURI.Length == 0)
                && Shapes.Contains(reader.LocalName))
            {
                return true;
            }
        }

        return false;
    }
}
