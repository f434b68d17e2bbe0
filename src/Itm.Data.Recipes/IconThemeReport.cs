namespace Itm.Data.Recipes;

/// <summary>
/// What <see cref="IconThemesRecipe"/> did with one theme. Files flow: listed → (skipped by reason | another size of a
/// kept name | a kept name); names → (alias of another name's drawing | a drawing); drawings → (skipped by reason | kept),
/// so <c>FilesListed = Σ FilesSkipped + OtherSizes + Names</c>, <c>Names = AliasNames + Drawings</c> and
/// <c>Drawings = Σ DrawingsSkipped + Kept</c>.
/// </summary>
/// <param name="Theme">The theme's folder ("Tango").</param>
/// <param name="Package">The Debian package and the installed <paramref name="Version"/> (<c>dpkg-query -W</c>; null when dpkg does not know it).</param>
/// <param name="Licence">As the package's copyright file gives it.</param>
/// <param name="Installed">False when the theme's index.theme is not there: the theme was skipped, every count is 0.</param>
/// <param name="FilesSkipped">Files left out by reason: "symbolic", "panel", "notifications", "context:&lt;context&gt;",
/// "applicationId", "applicationBrand" (<see cref="IconNameBrands"/> too), "mimetypeName", "emoteName", "colourVariant", "emptyName",
/// "otherFormat", "brokenLink".</param>
/// <param name="OtherSizes">Files of a kept name at a size or in a format not chosen (an SVG is chosen first, then the largest PNG).</param>
/// <param name="AliasNames">Names that are links to another name's drawing: they are captions of that drawing.</param>
/// <param name="DrawingsSkipped">Drawings left out by reason: "broken", "drawsNothing", "blank", "monochrome", "noCaption",
/// "duplicateDrawing" (identical to an earlier drawing of the theme; its names join that one's captions).</param>
/// <param name="Kept">Drawings of this theme that went on into the dataset.</param>
/// <param name="MergedIntoOtherThemes">Of those, drawings identical to one of an earlier theme, whose captions went to that one.</param>
/// <param name="SkippedExamples">The first few drawings skipped for each reason (paths relative to the theme), for inspection.</param>
public sealed record IconThemeReport(
    string Theme,
    string Package,
    string? Version,
    string Licence,
    bool Installed,
    int FilesListed,
    IReadOnlyDictionary<string, int> FilesSkipped,
    int OtherSizes,
    int Names,
    int AliasNames,
    int Drawings,
    IReadOnlyDictionary<string, int> DrawingsSkipped,
    int Kept,
    int MergedIntoOtherThemes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SkippedExamples);
