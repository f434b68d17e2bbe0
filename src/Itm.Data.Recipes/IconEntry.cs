namespace Itm.Data.Recipes;

/// <summary>One icon as its package lists it, before its SVG is read.</summary>
/// <param name="RelativePath">The SVG's path inside the package folder, '/'-separated ("svg/account.svg").</param>
/// <param name="Name">The identifier the captions and the family start from ("arrow-left-bold"); a variant's style is part of it
/// ("a-b-2-filled", "acorn-bold").</param>
/// <param name="Aliases">Other identifiers of the icon ("user-network-outline").</param>
/// <param name="Tags">Its tags or categories, raw ("Account / User", "split-test").</param>
public sealed record IconEntry(string RelativePath, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Tags);
