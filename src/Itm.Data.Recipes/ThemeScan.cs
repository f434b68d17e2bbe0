namespace Itm.Data.Recipes;

/// <summary>One drawing of a theme: a real file, under every name of the theme that leads to it.</summary>
/// <param name="RelativePath">Where it goes under <c>OUT/images/&lt;theme&gt;/</c>: "&lt;context&gt;/&lt;name&gt;.&lt;ext&gt;" of its first name.</param>
/// <param name="SourcePath">The real file (links resolved): an SVG, gzipped SVG or PNG.</param>
/// <param name="Context">The normalised context of its first name ("devices").</param>
/// <param name="Names">Its names, the one whose own file it is first, then the others (symbolic links to it) in ordinal order.</param>
internal sealed record ThemeDrawing(string RelativePath, string SourcePath, string Context, IReadOnlyList<string> Names);

/// <summary>
/// What <see cref="IconThemeScanner"/> found in one theme. Every listed file ends in one place:
/// <c>FilesListed = Skipped (all reasons) + OtherSizes + Names</c>, and <c>Names = Drawings.Count + AliasNames</c>.
/// </summary>
/// <param name="FilesListed">Files in the folders the theme's index.theme lists (links included).</param>
/// <param name="Skipped">Files left out by reason ("symbolic", "context:mimetypes", "applicationBrand", ...).</param>
/// <param name="OtherSizes">Files of a kept name at another size or format than the one chosen (the SVG, else the largest).</param>
/// <param name="Names">Distinct kept names (context and name).</param>
/// <param name="AliasNames">Kept names that lead to the drawing of another name: they become its captions.</param>
internal sealed record ThemeScan(
    int FilesListed,
    IReadOnlyDictionary<string, int> Skipped,
    int OtherSizes,
    int Names,
    int AliasNames,
    IReadOnlyList<ThemeDrawing> Drawings);
