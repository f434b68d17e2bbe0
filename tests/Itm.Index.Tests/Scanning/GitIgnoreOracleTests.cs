using System.Text;
using Itm.Index.Scanning;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Scanning;

/// <summary>
/// The ignore rules held to git itself: on a folder with the same rules as .itmignore and .gitignore files (and the
/// same <c>--exclude</c> patterns), the scan lists exactly the images <c>git ls-files --others --exclude-standard</c>
/// lists. Git's own tests define what a .gitignore means; this is how we inherit them.
/// </summary>
public sealed class GitIgnoreOracleTests
{
    private static readonly string[] Folders = ["a", "b", "ab", "raw", "deep", "x y", "c[1]"];
    private static readonly string[] Files = ["a.png", "b.png", "ab.png", "c.jpg", "raw.png", "1.png", "x y.png", "#c.png", "!n.png", "A.png", "a.png.png", "c[1].png"];
    private static readonly string[] Globs =
    [
        "*", "**", "*.png", "*.jpg", "a*", "*b*", "?.png", "??.png", "[ab].png", "[!a]*", "[a-c]*", "a?", "*[[:digit:]]*",
        "ra*", "[[:upper:]]*", "*.png.png", "c\\[1\\]*", "c[1].png", "x y*", "\\#c.png", "*[",
    ];

    [GitFact]
    public void Hand_picked_rules_scan_as_git_lists_them()
    {
        string[] tree =
        [
            "a.png", "raw/a.png", "raw/keep.png", "raw/sub/b.png", "d/raw/c.png", "d/e/raw.png", "keep/raw/d.png",
            "logs/x.png", "logs/keep/y.png", "#c.png", "!n.png", "trail .png", "foo[bar.png", "drafts/a.png", "drafts/final.png",
        ];
        var scanned = AssertScansAsGit(tree, new Dictionary<string, string>
        {
            [""] = "# drafts\n\nraw/\n!raw/keep.png\nlogs/**\n!logs/keep/\ndrafts/*\n!drafts/final.png\n\\#c.png\n\\!n.png\ntrail\\ .png\nfoo[bar.png\n",
            ["keep"] = "!raw/\n",
            ["d"] = "/e/*.png\n",
        }, exclude: ["!d/raw/"]);

        // A file under an ignored folder stays out (raw/keep.png, logs/keep/y.png); one under ignored contents comes back.
        Assert.Equal(["a.png", "d/raw/c.png", "drafts/final.png", "foo[bar.png", "keep/raw/d.png"], scanned);
    }

    [GitFact]
    public void Random_rules_on_random_folders_scan_as_git_lists_them()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var tree = new List<string>();
            var folders = new List<string>();
            AddFolder(random, string.Empty, depth: 0, tree, folders);
            var rules = folders
                .Where(folder => folder.Length == 0 ? random.NextDouble() < 0.8 : random.NextDouble() < 0.3)
                .ToDictionary(folder => folder, folder => RulesFile(random, random.Next(1, 5)));
            string[] exclude = [.. Enumerable.Range(0, random.NextDouble() < 0.3 ? random.Next(1, 3) : 0).Select(_ => ExcludeRule(random))];

            AssertScansAsGit(tree, rules, exclude, $"seed {seed}");
        }
    }

    private static void AddFolder(Random random, string folder, int depth, List<string> tree, List<string> folders)
    {
        folders.Add(folder);
        string prefix = folder.Length == 0 ? string.Empty : folder + "/";
        tree.AddRange(Files.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).Select(file => prefix + file));
        if (depth < 3)
        {
            foreach (string sub in Folders.OrderBy(_ => random.Next()).Take(random.Next(depth == 0 ? 2 : 0, 4)))
            {
                AddFolder(random, prefix + sub, depth + 1, tree, folders);
            }
        }
    }

    private static string RulesFile(Random random, int lines)
    {
        var text = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            text.Append(random.Next(10) switch
            {
                0 => "# a comment",
                1 => string.Empty,
                _ => Rule(random),
            }).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A rule from the grammar of gitignore(5): an optional '!', anchors, globs and literal names as path parts, an optional trailing '/'.</summary>
    private static string Rule(Random random)
    {
        int parts = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        var segments = Enumerable.Range(0, parts).Select(_ => random.Next(3) switch
        {
            0 => Globs[random.Next(Globs.Length)],
            1 => Folders[random.Next(Folders.Length)],
            _ => Files[random.Next(Files.Length)],
        });
        string rule = string.Join('/', segments);
        if (random.NextDouble() < 0.2)
        {
            rule = "/" + rule;
        }

        if (random.NextDouble() < 0.2)
        {
            rule += "/";
        }

        if (random.NextDouble() < 0.2)
        {
            rule = "!" + rule;
        }

        return random.NextDouble() < 0.05 ? rule + "  " : rule;
    }

    /// <summary>
    /// A rule for <c>--exclude</c>, which is one line of an .itmignore (so a comment is refused and trailing spaces are
    /// dropped), where git takes its command line literally: the rules on which the two agree.
    /// </summary>
    private static string ExcludeRule(Random random)
    {
        string rule = Rule(random).TrimEnd(' ');
        return rule.StartsWith('#') ? "\\" + rule : rule;
    }

    /// <returns>What the scan listed.</returns>
    private static List<string> AssertScansAsGit(IEnumerable<string> tree, IReadOnlyDictionary<string, string> rules, string[] exclude, string? name = null)
    {
        using var temp = new TempFolder();
        foreach (string file in tree)
        {
            temp.Write(file, string.Empty);
        }

        foreach (var (folder, text) in rules)
        {
            temp.Write(Path.Combine(folder, IgnoreRules.FileName), text);
            temp.Write(Path.Combine(folder, ".gitignore"), text);
        }

        Git.Run(temp.Root, "init", "--quiet");
        string listed = Git.Run(temp.Root, ["ls-files", "--others", "--exclude-standard", "-z", .. exclude.Select(pattern => "--exclude=" + pattern)]);
        var byGit = listed.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(path => path.EndsWith(".png", StringComparison.Ordinal) || path.EndsWith(".jpg", StringComparison.Ordinal));

        var scanned = FolderScanner.Scan(temp.Root, exclude).Files.Select(file => file.RelativePath);

        var expected = byGit.Order(StringComparer.Ordinal).ToList();
        var actual = scanned.ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{name}: the scan and git disagree.\nOnly git lists: {string.Join(", ", expected.Except(actual))}\nOnly the scan lists: {string.Join(", ", actual.Except(expected))}\n" +
            $"Rules:\n{string.Join("\n", rules.Select(r => $"  [{r.Key}/.itmignore] {r.Value.Replace("\n", " | ", StringComparison.Ordinal)}"))}\n  --exclude: {string.Join(" ", exclude)}");
        return actual;
    }
}
