namespace Itm.Data.Recipes;

/// <summary>
/// What <see cref="IconsRecipe"/> did with one icon set. Icons flow: listed → (excluded by the set | missing SVG | broken |
/// draws nothing | no caption | duplicate drawing of an earlier icon of the set | kept), so
/// <c>Kept = Listed - ExcludedBySet - MissingSvg - Broken - DrawsNothing - NoCaption - DuplicateDrawings</c>.
/// </summary>
/// <param name="Set">The recipe key ("mdi").</param>
/// <param name="Package">The npm package and <paramref name="Version"/> read.</param>
/// <param name="Licence">The SPDX licence of that version.</param>
/// <param name="PackageDir">The extracted package folder read.</param>
/// <param name="Listed">Icons the package lists (a variant such as a filled or bold drawing counts as one).</param>
/// <param name="ExcludedBySet">Listed icons the set itself leaves out (<see cref="IconEntry.ExcludedBecause"/>: an Iconify set's
/// hidden, emoji and brand icons); 0 for the sets that exclude nothing.</param>
/// <param name="MissingSvg">Listed icons whose SVG file is not in the package.</param>
/// <param name="Broken">SVGs that are not well-formed or that the SVG renderer cannot draw.</param>
/// <param name="DrawsNothing">SVGs without any shape (<see cref="SvgContent"/>).</param>
/// <param name="NoCaption">Icons whose name, tags and aliases left no usable caption.</param>
/// <param name="DuplicateDrawings">Icons drawn exactly like an earlier icon of the set (same <see cref="SvgFingerprint"/>, root id
/// and class aside); not copied, their captions join that icon's.</param>
/// <param name="Kept">Icons of this set that went on into the dataset.</param>
/// <param name="MergedIntoOtherSets">Of those, icons drawn exactly like an icon of an earlier set of the combined recipe, whose
/// captions went to that icon (0 for a recipe of one set).</param>
/// <param name="Skipped">Relative paths of the skipped icons by reason ("broken", "missingSvg", "hidden", ...), for inspection.</param>
public sealed record IconSetReport(
    string Set,
    string Package,
    string Version,
    string Licence,
    string PackageDir,
    int Listed,
    int ExcludedBySet,
    int MissingSvg,
    int Broken,
    int DrawsNothing,
    int NoCaption,
    int DuplicateDrawings,
    int Kept,
    int MergedIntoOtherSets,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Skipped);
