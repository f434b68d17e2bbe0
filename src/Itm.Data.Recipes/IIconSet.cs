namespace Itm.Data.Recipes;

/// <summary>
/// An openly licensed icon set published on npm, pinned to one version: which package, under which licence, and how
/// to list its icons from the extracted package folder. <see cref="IconsRecipe"/> does the rest.
/// </summary>
public interface IIconSet
{
    /// <summary>The recipe name and the folder under <c>OUT/images</c> ("mdi").</summary>
    string Key { get; }

    /// <summary>The npm package ("@mdi/svg").</summary>
    string Package { get; }

    /// <summary>The pinned version ("7.4.47").</summary>
    string Version { get; }

    /// <summary>The SPDX licence of that version ("Apache-2.0").</summary>
    string Licence { get; }

    /// <summary>
    /// Every icon the package lists, ordered by name (ordinally: of two identical drawings "arrow-left" comes before
    /// "arrow-left-bold" and is the one kept). A missing or malformed metadata file throws an exception that
    /// names it; an icon whose SVG is missing is still listed (the recipe counts it). A set whose package holds no SVG
    /// files (<see cref="IconifyIconSet"/>) writes them into the package folder first.
    /// </summary>
    IReadOnlyList<IconEntry> Read(string packageDir);
}
