namespace Itm.Data.Recipes;

/// <summary>The human-written text of one SVG file, as found, before any cleaning.</summary>
/// <param name="Titles">The work's <c>dc:title</c>(s), then the root <c>&lt;title&gt;</c> element.</param>
/// <param name="Descriptions">The work's <c>dc:description</c>(s), then the root <c>&lt;desc&gt;</c> element.</param>
/// <param name="Keywords">The <c>dc:subject</c> keywords (<c>rdf:li</c> items, or comma-separated text).</param>
/// <param name="Agents">Names of people and organisations: titles of <c>dc:creator</c>, <c>dc:publisher</c>,
/// <c>dc:rights</c> and <c>dc:contributor</c> agents. They are never captions; the cleaner removes them from captions.</param>
public sealed record SvgMetadata(
    IReadOnlyList<string> Titles,
    IReadOnlyList<string> Descriptions,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Agents);
