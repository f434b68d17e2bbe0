namespace Itm.Index.Tests.Fixtures;

/// <summary>
/// A folder of "images" for indexer tests: files with image extensions whose text content is all the
/// <see cref="FakeEmbedder"/> looks at. Writing new content also moves the modification time, so a change is seen
/// even within the file system's timestamp resolution.
/// </summary>
internal sealed class ImageFolder
{
    private static long clock = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public ImageFolder(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
    }

    public string Root { get; }

    public string Write(string relative, string content)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, new DateTime(Interlocked.Add(ref clock, TimeSpan.TicksPerSecond), DateTimeKind.Utc));
        return path;
    }

    /// <summary>Writes <paramref name="count"/> images spread over a few sub-folders.</summary>
    public IReadOnlyList<string> WriteMany(int count, string prefix = "img")
    {
        return Enumerable.Range(0, count)
            .Select(i => Write($"{(char)('a' + (i % 3))}/{prefix}{i:D3}.png", $"{prefix} {i}"))
            .ToList();
    }
}
