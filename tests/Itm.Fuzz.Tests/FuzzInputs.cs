namespace Itm.Fuzz.Tests;

/// <summary>
/// The checked-in fuzz inputs: the seed corpora (<c>fuzz/corpora/TARGET</c>) and the inputs that once crashed or hung
/// a target (<c>fuzz/regressions/TARGET</c>), found from the repository root above the test's working folder.
/// </summary>
internal static class FuzzInputs
{
    /// <summary>A file named <c>bad-*</c> is bad input the target must refuse with its documented error.</summary>
    public const string BadPrefix = "bad-";

    public static string FuzzFolder { get; } = Locate();

    /// <summary>Every input of every target, as (target, path relative to fuzz/).</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (string kind in new[] { "corpora", "regressions" })
        {
            foreach (var target in FuzzTargets.All)
            {
                string folder = Path.Combine(FuzzFolder, kind, target.Name);
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                {
                    data.Add(target.Name, Path.GetRelativePath(FuzzFolder, file));
                }
            }
        }

        return data;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "fuzz", "corpora");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "fuzz");
            }
        }

        throw new DirectoryNotFoundException($"No fuzz/corpora folder above {AppContext.BaseDirectory}.");
    }
}
