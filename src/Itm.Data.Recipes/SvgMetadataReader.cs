using System.Text;
using System.Xml;

namespace Itm.Data.Recipes;

/// <summary>
/// Reads the RDF / Dublin Core metadata of an SVG (title, description, keywords, agent names) and its root
/// <c>&lt;title&gt;</c> / <c>&lt;desc&gt;</c>, in one forward pass with <see cref="XmlReader"/>.
/// </summary>
/// <remarks>
/// The files are untrusted input: DTDs are ignored and no external resource is ever resolved, so a file can
/// neither fetch anything nor expand entities (an undeclared entity makes the file unparsable instead).
/// Malformed XML throws <see cref="XmlException"/>; callers count it and skip the file.
/// </remarks>
public sealed class SvgMetadataReader
{
    /// <summary>Reader settings shared by everything that parses an SVG in the recipes.</summary>
    internal static XmlReaderSettings SafeSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    // Dublin Core elements whose dc:title (or text) names a person or organisation, not the drawing.
    private static readonly HashSet<string> AgentElements = new(StringComparer.Ordinal) { "creator", "publisher", "rights", "contributor", "rightsHolder" };

    public SvgMetadata Read(byte[] svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        using var reader = XmlReader.Create(new MemoryStream(svg, writable: false), SafeSettings);
        return Read(reader);
    }

    public SvgMetadata Read(string path)
    {
        using var reader = XmlReader.Create(File.OpenRead(path), SafeSettings);
        return Read(reader);
    }

    private static SvgMetadata Read(XmlReader reader)
    {
        var titles = new List<string>();
        var descriptions = new List<string>();
        var keywords = new List<string>();
        var agents = new List<string>();
        var svgTitles = new List<string>();
        var svgDescriptions = new List<string>();

        // Open elements, outermost first; the text of an element is collected until its end tag.
        var stack = new List<(string Ns, string Name)>();
        var text = new StringBuilder();
        int captureDepth = -1;

        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = (reader.NamespaceURI, reader.LocalName);
                    if (!reader.IsEmptyElement)
                    {
                        stack.Add(element);
                        // An inner text element takes over from an outer one: <rdf:li> inside <dc:subject>,
                        // an agent's <dc:title> inside <dc:creator>. Text between them is only layout whitespace.
                        if (IsTextElement(stack))
                        {
                            captureDepth = stack.Count;
                            text.Clear();
                        }
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (captureDepth > 0)
                        text.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    if (captureDepth == stack.Count)
                    {
                        string value = text.ToString().Trim();
                        if (value.Length > 0)
                            Route(stack, value, titles, descriptions, keywords, agents, svgTitles, svgDescriptions);
                        captureDepth = -1;
                    }

                    stack.RemoveAt(stack.Count - 1);
                    break;
            }
        }

        titles.AddRange(svgTitles);
        descriptions.AddRange(svgDescriptions);
        return new SvgMetadata(titles, descriptions, keywords, agents);
    }

    /// <summary>Whether the innermost open element is one whose text we keep.</summary>
    private static bool IsTextElement(List<(string Ns, string Name)> stack)
    {
        (string ns, string name) = stack[^1];
        if (ns == SvgNamespaces.DublinCore)
            return name is "title" or "description" or "subject" || AgentElements.Contains(name);
        if (ns == SvgNamespaces.Rdf && name == "li")
            return InsideDc(stack, "subject");
        // Only the root's own <title>/<desc> describe the drawing; deeper ones label parts ("Layer 1").
        return ns == SvgNamespaces.Svg && name is "title" or "desc" && stack.Count == 2;
    }

    private static void Route(
        List<(string Ns, string Name)> stack,
        string value,
        List<string> titles,
        List<string> descriptions,
        List<string> keywords,
        List<string> agents,
        List<string> svgTitles,
        List<string> svgDescriptions)
    {
        (string ns, string name) = stack[^1];
        bool inAgent = stack.Take(stack.Count - 1).Any(e => e.Ns == SvgNamespaces.DublinCore && AgentElements.Contains(e.Name));
        if (ns == SvgNamespaces.Svg)
        {
            (name == "title" ? svgTitles : svgDescriptions).Add(value);
        }
        else if (ns == SvgNamespaces.Rdf)
        {
            keywords.Add(value);
        }
        else if (AgentElements.Contains(name) || inAgent)
        {
            // <dc:creator>Name</dc:creator> or <dc:creator><cc:Agent><dc:title>Name</dc:title>...
            agents.Add(value);
        }
        else if (name == "title")
        {
            titles.Add(value);
        }
        else if (name == "description")
        {
            descriptions.Add(value);
        }
        else if (name == "subject")
        {
            // Keywords written as plain text rather than an rdf:Bag.
            keywords.AddRange(value.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    private static bool InsideDc(List<(string Ns, string Name)> stack, string name) =>
        stack.Any(e => e.Ns == SvgNamespaces.DublinCore && e.Name == name);
}
