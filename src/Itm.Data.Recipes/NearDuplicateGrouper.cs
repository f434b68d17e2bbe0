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

        int[] parent = Enumerable.Range(0, fileNames.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        }

        void Join(Dictionary<string, int> firstSeen, string key, int item)
        {
            if (firstSeen.TryGetValue(key, out int other))
            {
                int a = Find(item), b = Find(other);
                if (a != b)
                    parent[Math.Max(a, b)] = Math.Min(a, b);
            }
            else
            {
                firstSeen[key] = item;
            }
        }

        var byFamily = new Dictionary<string, int>(StringComparer.Ordinal);
        var byTitle = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < fileNames.Count; i++)
        {
            Join(byFamily, FamilyOf(fileNames[i]), i);
            if (!string.IsNullOrEmpty(titleKeys[i]))
                Join(byTitle, titleKeys[i]!, i);
        }

        return Enumerable.Range(0, fileNames.Count)
            .GroupBy(Find)
            .Select(g => (IReadOnlyList<int>)g.Order().ToList())
            .OrderBy(g => g[0])
            .ToList();
    }

    [GeneratedRegex(@"[-_. ]?\d+$")]
    private static partial Regex NumericSuffix();
}
