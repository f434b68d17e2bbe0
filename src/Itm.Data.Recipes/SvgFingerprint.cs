using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Itm.Data.Recipes;

/// <summary>
/// A hash of what an SVG draws, so copies of one drawing merge into one image even when their bytes differ.
/// </summary>
/// <remarks>
/// The hash covers a canonical form of the document: elements, attributes (sorted) and text, with runs of
/// whitespace collapsed. Left out, because they never change the picture: comments, processing
/// instructions, the DTD, namespace declarations, <c>&lt;metadata&gt;</c>, the root <c>&lt;title&gt;</c>
/// and <c>&lt;desc&gt;</c>, and every element and attribute of editor namespaces (Inkscape, Sodipodi,
/// Adobe Illustrator), which hold window sizes, guides and private editor data.
/// Two files with the same fingerprint therefore differ at most in whitespace, metadata or editor state.
/// </remarks>
public static class SvgFingerprint
{
    /// <summary>Lower-case hex SHA-256 of the canonical form. Throws <see cref="XmlException"/> on malformed XML.</summary>
    public static string Compute(byte[] svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        using var reader = XmlReader.Create(new MemoryStream(svg, writable: false), SvgMetadataReader.SafeSettings);
        var canonical = new StringBuilder(svg.Length / 2);
        int depth = 0;
        var attributes = new List<(string Ns, string Name, string Value)>();

        // Skip() already moves past a subtree, so the loop reads the next node only when nothing was skipped.
        bool more = reader.Read();
        while (more)
        {
            if (reader.NodeType == XmlNodeType.Element && IsIgnoredElement(reader, depth))
            {
                reader.Skip();
                more = !reader.EOF;
                continue;
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    AppendElement(reader, canonical, attributes);
                    if (reader.IsEmptyElement)
                        canonical.Append("</>");
                    else
                        depth++;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    AppendText(reader.Value, canonical);
                    break;
                case XmlNodeType.EndElement:
                    depth--;
                    canonical.Append("</>");
                    break;
            }

            more = reader.Read();
        }

        return Hash(canonical);
    }

    /// <summary>The same as <see cref="Compute(byte[])"/>, reading the file (following symbolic links).</summary>
    public static string Compute(string path) => Compute(File.ReadAllBytes(path));

    /// <summary>Root-level title/desc (depth 1: children of the root), any metadata, anything of an editor namespace.</summary>
    private static bool IsIgnoredElement(XmlReader reader, int depth)
    {
        string ns = reader.NamespaceURI;
        if (IsEditorNamespace(ns))
            return true;
        if (ns != SvgNamespaces.Svg)
            return false;
        return reader.LocalName == "metadata" || (depth == 1 && reader.LocalName is "title" or "desc");
    }

    private static bool IsEditorNamespace(string ns) =>
        ns.Contains("sodipodi", StringComparison.OrdinalIgnoreCase)
        || ns.Contains("inkscape", StringComparison.OrdinalIgnoreCase)
        || ns.Contains("ns.adobe.com", StringComparison.OrdinalIgnoreCase);

    private static void AppendElement(XmlReader reader, StringBuilder canonical, List<(string Ns, string Name, string Value)> attributes)
    {
        canonical.Append('<').Append(reader.NamespaceURI).Append('|').Append(reader.LocalName);
        attributes.Clear();
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                string ns = reader.NamespaceURI;
                if (ns == SvgNamespaces.Xmlns || IsEditorNamespace(ns))
                    continue;
                attributes.Add((ns, reader.LocalName, reader.Value));
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        attributes.Sort((a, b) =>
        {
            int byNs = string.CompareOrdinal(a.Ns, b.Ns);
            return byNs != 0 ? byNs : string.CompareOrdinal(a.Name, b.Name);
        });
        foreach ((string ns, string name, string value) in attributes)
        {
            canonical.Append(' ').Append(ns).Append('|').Append(name).Append("=\"");
            AppendText(value, canonical);
            canonical.Append('"');
        }

        canonical.Append('>');
    }

    /// <summary>Appends <paramref name="text"/> trimmed, with every run of whitespace as one space.</summary>
    private static void AppendText(string text, StringBuilder canonical)
    {
        bool pendingSpace = false;
        bool any = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = any;
                continue;
            }

            if (pendingSpace)
                canonical.Append(' ');
            canonical.Append(c);
            pendingSpace = false;
            any = true;
        }
    }

    private static string Hash(StringBuilder canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
}
