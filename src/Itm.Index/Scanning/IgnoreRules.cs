namespace Itm.Index.Scanning;

/// <summary>
/// The ignore rules in force in one folder of a scan, as git applies .gitignore files: the <c>--exclude</c> rules first,
/// then the folder's own .itmignore, then its parent's, and so on up to the images folder. The first of these lists
/// with a rule that matches decides, and within a list the last matching rule wins, so a deeper .itmignore overrides
/// a shallower one and a later line an earlier one.
/// </summary>
public sealed class IgnoreRules
{
    /// <summary>The name of the rules file a folder may hold; its rules apply to that folder and everything below it.</summary>
    public const string FileName = ".itmignore";

    private readonly IReadOnlyList<IgnorePattern> overrides;
    private readonly IgnoreRules? parent;
    private readonly string folder;
    private readonly IReadOnlyList<IgnorePattern> own;

    private IgnoreRules(IReadOnlyList<IgnorePattern> overrides, IgnoreRules? parent, string folder, IReadOnlyList<IgnorePattern> own)
    {
        this.overrides = overrides;
        this.parent = parent;
        this.folder = folder;
        this.own = own;
    }

    /// <summary>The rules at the top of a scan: <paramref name="exclude"/> (each one line of .itmignore syntax, anchored at the images folder) and the images folder's own .itmignore.</summary>
    /// <param name="rootFile">The text of the images folder's .itmignore; null when it has none.</param>
    public static IgnoreRules ForRoot(IEnumerable<string> exclude, string? rootFile) =>
        new([.. exclude.Select(IgnorePattern.Parse).OfType<IgnorePattern>()], null, string.Empty, ParseFile(rootFile));

    /// <summary>The rules in a subfolder: these, with the subfolder's own .itmignore over them.</summary>
    /// <param name="subfolder">Relative to the images folder, '/' separated.</param>
    /// <param name="file">The text of the subfolder's .itmignore; null when it has none.</param>
    public IgnoreRules Below(string subfolder, string? file)
    {
        // A folder without rules of its own shares its parent's: paths are matched from the images folder either way.
        var patterns = ParseFile(file);
        return patterns.Count == 0 ? this : new(overrides, this, subfolder, patterns);
    }

    /// <summary>Whether a file or folder in this rules' folder is ignored.</summary>
    /// <param name="path">Relative to the images folder, '/' separated.</param>
    public bool IsIgnored(string path, bool isDirectory)
    {
        if (LastMatch(overrides, path, isDirectory) is { } excluded)
        {
            return excluded;
        }

        for (var rules = this; rules is not null; rules = rules.parent)
        {
            string relative = rules.folder.Length == 0 ? path : path[(rules.folder.Length + 1)..];
            if (LastMatch(rules.own, relative, isDirectory) is { } decided)
            {
                return decided;
            }
        }

        return false;
    }

    /// <summary>Ignored (true) or included again (false) by the last rule of the list that matches; null when none does.</summary>
    private static bool? LastMatch(IReadOnlyList<IgnorePattern> patterns, string path, bool isDirectory)
    {
        for (int i = patterns.Count - 1; i >= 0; i--)
        {
            if (patterns[i].Matches(path, isDirectory))
            {
                return !patterns[i].IsNegated;
            }
        }

        return null;
    }

    private static IReadOnlyList<IgnorePattern> ParseFile(string? text) =>
        text is null ? [] : [.. text.Split('\n').Select(IgnorePattern.Parse).OfType<IgnorePattern>()];
}
