using Itm.Index.Scanning;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Scanning;

/// <summary>Which files a scan finds: every image the pipeline reads, recursively, and nothing else.</summary>
public sealed class FolderScannerTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Finds_images_by_extension_recursively_and_skips_the_rest()
    {
        foreach (string name in new[] { "a.png", "deep/er/b.JPG", "c.jpeg", "d.webp", "e.gif", "f.bmp", "g.svg", "h.svgz", "notes.txt", "model.json", ".hidden/i.png", ".j.png" })
        {
            temp.Write(name, "x");
        }

        var found = FolderScanner.Scan(temp.Root);

        Assert.Equal(["a.png", "c.jpeg", "d.webp", "deep/er/b.JPG", "e.gif", "f.bmp", "g.svg", "h.svgz"], found.Select(f => f.RelativePath));
        var first = found[0];
        Assert.Equal(temp.PathOf("a.png"), first.FullPath);
        Assert.Equal(1, first.Size);
        Assert.Equal(File.GetLastWriteTimeUtc(first.FullPath).Ticks, first.MtimeTicks);
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => FolderScanner.Scan(temp.PathOf("nowhere")));
        Assert.Contains("nowhere", error.Message);
    }
}
