using System.Text.RegularExpressions;

namespace Itm.Data.Recipes;

/// <summary>
/// Groups drawings that are variants of one another, so a split assigner can keep each group together and
/// no test image has a near-copy in train. Two drawings are in one group when their cleaned titles are equal
/// or their file names are of one family (<see cref="FamilyOf"/>), and transitively so.
/// </summary>
public sealed partial class NearDuplicateGrouper
{
    /// <summary>
    /// The file-name family: the name without folder and extension, lower-cased, with one trailing number
    /// (and the separator before it) removed: "foo.svg", "foo_1.svg", "Foo-2.svg" and "foo3.svg" are all "foo".
    /// Only one number goes: "arrow12_1" is "arrow12", so numbered series ("arrow12", "arrow13") stay apart.
    /// </summary>
    public static string FamilyOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        string stem = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        string family = NumericSuffix().Replace(stem, "");
        return family.Length == 0 ? stem : family;
    }

    /// <summary>
    /// Groups of item indices (each sorted, groups ordered by their first item).
    /// </summary>
    /// <param name="fileNames">Per item, its file name (only the name is used, not the folder).</param>
    /// <param name="titleKeys">Per item, the key of its kept title caption, or null when it has none.</param>
    public IReadOnlyList<IReadOnlyList<int>> Group(IReadOnlyList<string> fileNames, IReadOnlyList<string?> titleKeys)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        ArgumentNullException.ThrowIfNull(titleKeys);
        if (fileNames.Count != titleKeys.Count)
            throw new ArgumentException("One title key per file name is needed.", nameof(titleKeys));

        // A family and a title that happen to read alike are different things: each kind of key keeps its own prefix.
        var keys = new List<IReadOnlyList<string>>(fileNames.Count);
        for (int i = 0; i < fileNames.Count; i++)
        {
            keys.Add(string.IsNullOrEmpty(titleKeys[i])
                ? ["family:" + FamilyOf(fileNames[i])]
                : ["family:" + FamilyOf(fileNames[i]), "title:" + titleKeys[i]]);
        }

        return GroupByKeys(keys);
    }

    /// <summary>
    /// Groups of item indices (each sorted, groups ordered by their first item): two items are in one group when they
    /// share a key, and transitively so. For items known by several names (an icon and its aliases), one key per name.
    /// </summary>
    /// <param name="keysPerItem">Per item, its keys (compared ordinally); an item without keys is a group of its own.</param>
    public static IReadOnlyList<IReadOnlyList<int>> GroupByKeys(IReadOnlyList<IReadOnlyList<string>> keysPerItem)
    {
        ArgumentNullException.ThrowIfNull(keysPerItem);
        int[] parent = Enumerable.Range(0, keysPerItem.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        }

        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int item = 0; item < keysPerItem.Count; item++)
        {
            foreach (string key in keysPerItem[item])
            {
                if (!firstSeen.TryAdd(key, item))
                {
                    int a = Find(item), b = Find(firstSeen[key]);
                    if (a != b)
                        parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }

        return Enumerable.Range(0, keysPerItem.Count)
            .GroupBy(Find)
            .Select(g => (IReadOnlyList<int>)g.Order().ToList())
            .OrderBy(g => g[0])
            .ToList();
    }

    [GeneratedRegex(@"[-_. ]?\d+$")]
    private static partial Regex NumericSuffix();
}
