namespace Itm.Data.Tests.Fixtures.Readers;

/// <summary>A throw-away folder for one test: write dataset files and tiny images into it; deleted on dispose.</summary>
public sealed class TempDataFolder : IDisposable
{
    public TempDataFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "itm-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Root { get; }

    /// <summary>Absolute path of <paramref name="relative"/> inside the folder (forward slashes accepted).</summary>
    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>Writes a text file (UTF-8, no byte-order mark) and returns its absolute path.</summary>
    public string WriteText(string relative, string content)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a 1×1 PNG at each relative path.</summary>
    public void AddImages(params string[] relativePaths)
    {
        foreach (string relative in relativePaths)
        {
            string path = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, [.. TinyPng.Bytes]);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it would hide the real result.
        }
    }
}
