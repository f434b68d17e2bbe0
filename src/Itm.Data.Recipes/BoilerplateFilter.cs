namespace Itm.Data.Recipes;

/// <summary>
/// Finds collection boilerplate: a caption that many unrelated drawings share ("Part of the Flat Icon
/// Collection", "Lemon SVG theme", a keyword list stamped on a whole icon set). Such a caption cannot
/// single out one image, so it teaches a matching model nothing and makes retrieval ambiguous.
/// </summary>
/// <remarks>
/// Drawings count as unrelated when their file-name families differ (<see cref="NearDuplicateGrouper.FamilyOf"/>):
/// "foo.svg", "foo_1.svg" and "foo-2.svg" are one family, variants of one drawing, and may share a title.
/// A caption is boilerplate when drawings of at least <c>minFamilies</c> different families carry it
/// (compared by <see cref="CaptionCandidate.Key"/>, so case and punctuation do not matter).
/// </remarks>
public sealed class BoilerplateFilter
{
    private readonly int _minFamilies;

    public BoilerplateFilter(int minFamilies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minFamilies, 2);
        _minFamilies = minFamilies;
    }

    /// <summary>
    /// The boilerplate caption keys, each with the number of families that carry it.
    /// </summary>
    /// <param name="drawings">Per drawing: its family and the keys of its captions.</param>
    public IReadOnlyDictionary<string, int> Find(IEnumerable<(string Family, IEnumerable<string> CaptionKeys)> drawings)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        var families = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach ((string family, IEnumerable<string> keys) in drawings)
        {
            foreach (string key in keys)
            {
                if (!families.TryGetValue(key, out HashSet<string>? set))
                    families[key] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(family);
            }
        }

        return families
            .Where(pair => pair.Value.Count >= _minFamilies)
            .ToDictionary(pair => pair.Key, pair => pair.Value.Count, StringComparer.Ordinal);
    }
}
