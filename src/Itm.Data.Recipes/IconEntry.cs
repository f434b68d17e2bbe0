namespace Itm.Data.Recipes;

/// <summary>One icon as its package lists it, before its SVG is read.</summary>
/// <param name="RelativePath">The SVG's path inside the package folder, '/'-separated ("svg/account.svg").</param>
/// <param name="Name">The identifier the captions start from ("arrow-left-bold"); a variant's style is part of it
/// ("a-b-2-filled", "acorn-bold").</param>
/// <param name="Aliases">Other identifiers of the icon ("user-network-outline").</param>
/// <param name="Tags">Its tags or categories, raw ("Account / User", "split-test").</param>
/// <param name="Family">The name family that keeps variants in one split, when the set knows it better than
/// <see cref="IconCaptioner.FamilyOf"/> of the name does (an Iconify set lists its style suffixes, such as "linear" or
/// "remix", which are no common style words); null to use that.</param>
/// <param name="ExcludedBecause">Why the set itself leaves the icon out ("hidden", "emoji", ...), or null: an excluded icon is
/// counted and listed in the report under that reason, and its SVG is never read.</param>
public sealed record IconEntry(
    string RelativePath,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Tags,
    string? Family = null,
    string? ExcludedBecause = null);
