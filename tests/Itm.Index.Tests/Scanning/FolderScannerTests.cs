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
    [Fact]
    public void Symlinks_never_lead_out_of_the_folder_and_a_loop_ends()
    {
        // Given links to a file and a folder outside, a loop back to the parent, a link chain through a linked
        // folder, a two-link file loop, and a link that stays inside
        using var outside = new TempFolder();
        outside.Write("secret.png", "x");
        outside.Write("private/photo.png", "x");
        temp.Write("a.png", "x");
        Directory.CreateDirectory(temp.PathOf("links"));
        File.CreateSymbolicLink(temp.PathOf("links/secret.png"), outside.PathOf("secret.png"));
        Directory.CreateSymbolicLink(temp.PathOf("links/private"), outside.PathOf("private"));
        File.CreateSymbolicLink(temp.PathOf("links/through.png"), "private/photo.png");
        Directory.CreateSymbolicLink(temp.PathOf("links/loop"), "..");
        File.CreateSymbolicLink(temp.PathOf("links/ping.png"), "pong.png");
        File.CreateSymbolicLink(temp.PathOf("links/pong.png"), "ping.png");
        File.CreateSymbolicLink(temp.PathOf("links/inside.png"), "../a.png");

        // When the folder is scanned
        var scan = FolderScanner.Scan(temp.Root, exclude: []);
        var (found, skipped) = (scan.Files, scan.Skipped);

        // Then only files inside are listed, and every link left out is named with its reason
        Assert.Equal(["a.png", "links/inside.png"], found.Select(f => f.RelativePath));
        Assert.Equal(["links/loop", "links/ping.png", "links/pong.png", "links/private", "links/secret.png", "links/through.png"], skipped.Select(s => s.RelativePath));
        Assert.Contains("linked folders are not followed", skipped[0].Reason);
        Assert.Contains("loop", skipped[1].Reason);
        Assert.Contains("outside the images folder", skipped[4].Reason);
        Assert.Contains("outside the images folder", skipped[5].Reason);
    }
}
