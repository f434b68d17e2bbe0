using Itm.Index.Scanning;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Scanning;

/// <summary>What ignore rules leave out of a scan: .itmignore files where they stand and below, --exclude over them, and ignored folders never entered.</summary>
public sealed class FolderScannerIgnoreTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_itmignore_rules_its_folder_and_below_and_a_deeper_one_takes_precedence()
    {
        // Given rules at the top, a re-inclusion in sub/, and an exclusion again in sub/deeper/
        WriteImages("a.jpg", "a.png", "sub/keep.jpg", "sub/x.jpg", "sub/deeper/keep.jpg", "other/keep.jpg", "raw/a.png", "foo[bar.png");
        temp.Write(".itmignore", "# no JPEGs, no raw folder\n*.jpg\nraw/\nfoo[bar.png\n");
        temp.Write("sub/.itmignore", "!keep.jpg\n");
        temp.Write("sub/deeper/.itmignore", "keep.jpg\n");

        // When the folder is scanned
        var scan = FolderScanner.Scan(temp.Root, exclude: []);

        // Then each file is decided by the deepest rules that match it, and a malformed rule matches nothing
        Assert.Equal(["a.png", "foo[bar.png", "sub/keep.jpg"], Paths(scan));
        Assert.Equal(["a.jpg", "other/keep.jpg", "sub/deeper/keep.jpg", "sub/x.jpg"], scan.IgnoredFiles);
        Assert.Equal(["raw"], scan.IgnoredFolders);
        Assert.Empty(scan.UnreadableRules);
    }

    [Fact]
    public void An_ignored_folder_is_never_entered_so_nothing_under_it_comes_back()
    {
        // Given a large ignored folder that would show itself if entered: a link out of the images folder and an
        // .itmignore that cannot be read, each reported when seen, and a rule that tries to re-include a file in it
        using var outside = new TempFolder();
        outside.Write("secret.png", "x");
        WriteImages("photos/a.png");
        for (int i = 0; i < 30; i++)
        {
            WriteImages($"node_modules/package{i}/icon.png");
        }

        File.CreateSymbolicLink(temp.PathOf("node_modules/secret.png"), outside.PathOf("secret.png"));
        Directory.CreateDirectory(temp.PathOf("node_modules/package0/.itmignore"));
        temp.Write(".itmignore", "!node_modules/package1/icon.png\n");

        // When it is excluded
        var scan = FolderScanner.Scan(temp.Root, exclude: ["node_modules/"]);

        // Then only the images folder and photos/ are listed, and nothing under node_modules/ is seen
        Assert.Equal(["photos/a.png"], Paths(scan));
        Assert.Equal(2, scan.FoldersEntered);
        Assert.Equal(["node_modules"], scan.IgnoredFolders);
        Assert.Empty(scan.IgnoredFiles);
        Assert.Empty(scan.Skipped);
        Assert.Empty(scan.UnreadableRules);
        Assert.Equal(33, FolderScanner.Scan(temp.Root, exclude: []).FoldersEntered);
    }

    [Fact]
    public void Exclude_patterns_take_precedence_over_every_itmignore()
    {
        WriteImages("a.png", "b.png", "sub/b.png", "sub/c.png");
        temp.Write("sub/.itmignore", "!b.png\nc.png\n");

        var scan = FolderScanner.Scan(temp.Root, exclude: ["b.png", "!sub/c.png"]);

        Assert.Equal(["a.png", "sub/c.png"], Paths(scan));
        Assert.Equal(["b.png", "sub/b.png"], scan.IgnoredFiles);
    }

    [Fact]
    public void An_itmignore_that_cannot_be_read_is_named_and_the_scan_goes_on()
    {
        // Given an .itmignore that is a folder, and one that links out of the images folder
        using var outside = new TempFolder();
        outside.Write("rules", "*.png\n");
        WriteImages("a.png", "sub/b.png", "linked/c.png");
        Directory.CreateDirectory(temp.PathOf("sub/.itmignore"));
        File.CreateSymbolicLink(temp.PathOf("linked/.itmignore"), outside.PathOf("rules"));

        var scan = FolderScanner.Scan(temp.Root, exclude: []);

        // Then both are named with the reason, and the folders are scanned without their rules
        Assert.Equal(["a.png", "linked/c.png", "sub/b.png"], Paths(scan));
        Assert.Equal(["linked/.itmignore", "sub/.itmignore"], scan.UnreadableRules.Select(r => r.RelativePath));
        Assert.Contains("symbolic link out of the images folder", scan.UnreadableRules[0].Reason);
        Assert.Contains("could not be read", scan.UnreadableRules[1].Reason);
    }

    [Fact]
    public void A_linked_itmignore_inside_the_folder_is_applied()
    {
        WriteImages("a.png", "b.png", "sub/a.png");
        temp.Write("shared-rules", "a.png\n");
        File.CreateSymbolicLink(temp.PathOf(".itmignore"), "shared-rules");

        Assert.Equal(["b.png"], Paths(FolderScanner.Scan(temp.Root, exclude: [])));
    }

    [Fact]
    public void The_images_folder_given_with_a_trailing_separator_is_ruled_the_same()
    {
        WriteImages("a.png", "raw/b.png", "sub/raw/c.png", "sub/d.png");
        temp.Write(".itmignore", "raw/\n");

        var scan = FolderScanner.Scan(temp.Root + Path.DirectorySeparatorChar, exclude: ["/sub/d.png"]);

        Assert.Equal(["a.png"], Paths(scan));
        Assert.Equal(["raw", "sub/raw"], scan.IgnoredFolders);
    }

    private static string[] Paths(FolderScan scan) => [.. scan.Files.Select(f => f.RelativePath)];

    private void WriteImages(params string[] paths)
    {
        foreach (string path in paths)
        {
            temp.Write(path, "x");
        }
    }
}
