using System.Globalization;
using System.Security;

namespace Itm.Data.Recipes.Tests;

/// <summary>Hand-written SVG files for the OpenClipart recipe tests: Inkscape-style RDF metadata around a tiny drawing.</summary>
public static class SvgFixtures
{
    /// <summary>An SVG whose metadata holds the given title, description, keywords and creator (null or empty: element left out).</summary>
    /// <param name="body">The drawing itself; vary it to keep files from merging as duplicates.</param>
    public static string Svg(string? title, string? description = null, IReadOnlyList<string>? keywords = null, string? creator = null, string? body = null)
    {
        string Element(string name, string? value) => string.IsNullOrEmpty(value) ? "" : $"<dc:{name}>{SecurityElement.Escape(value)}</dc:{name}>";
        string subject = keywords is null || keywords.Count == 0
            ? ""
            : "<dc:subject><rdf:Bag>" + string.Concat(keywords.Select(k => $"<rdf:li>{SecurityElement.Escape(k)}</rdf:li>")) + "</rdf:Bag></dc:subject>";
        string agent = string.IsNullOrEmpty(creator)
            ? ""
            : $"<dc:creator><cc:Agent><dc:title>{SecurityElement.Escape(creator)}</dc:title></cc:Agent></dc:creator>";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/"
                 xmlns:cc="http://web.resource.org/cc/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 width="10" height="10">
              <metadata>
                <rdf:RDF>
                  <cc:Work rdf:about="">
                    {Element("title", title)}
                    {Element("description", description)}
                    {subject}
                    {agent}
                    <dc:publisher><cc:Agent><dc:title>Open Clip Art Library</dc:title></cc:Agent></dc:publisher>
                  </cc:Work>
                </rdf:RDF>
              </metadata>
              {body ?? Rect(1)}
            </svg>
            """;
    }

    /// <summary>A distinct drawing for each <paramref name="n"/>.</summary>
    public static string Rect(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{n % 7}\" y=\"{n / 7}\" width=\"3\" height=\"3\" fill=\"#{n * 2654435761L % 0xFFFFFF:x6}\"/>");

    /// <summary>Not well-formed: the &lt;g&gt; is never closed.</summary>
    public const string Broken = """<svg xmlns="http://www.w3.org/2000/svg"><g><rect width="1" height="1"/></svg>""";

    /// <summary>Tries to pull a local file in through an external entity; a safe reader must never resolve it.</summary>
    public const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/"><title>&secret;</title></svg>
        """;
}
