using Itm.Index.Catalog;
using Itm.Index.Scanning;

namespace Itm.Index.Tests.Scanning;

/// <summary>The incremental plan: a scan diffed against the catalog by (path, size, mtime).</summary>
public sealed class IndexPlannerTests
{
    private static ScannedFile File(string path, long size, long mtime) => new(path, "/images/" + path, size, mtime);

    private static CatalogImage Entry(long id, string path, long size, long mtime, long? row = 0, string? error = null) =>
        new(id, path, size, mtime, row, error);

    [Fact]
    public void New_changed_deleted_and_unchanged_files_are_told_apart()
    {
        var catalog = new[]
        {
            Entry(1, "same.png", 10, 100),
            Entry(2, "resized.png", 10, 100),
            Entry(3, "touched.png", 10, 100),
            Entry(4, "gone.png", 10, 100),
            Entry(5, "bad.png", 3, 100, row: null, error: "not an image"),
        };
        var scanned = new[]
        {
            File("added.png", 5, 500),
            File("bad.png", 3, 100),
            File("resized.png", 11, 100),
            File("same.png", 10, 100),
            File("touched.png", 10, 101),
        };

        var plan = IndexPlanner.Plan(scanned, catalog);

        Assert.Equal(["added.png"], plan.New.Select(f => f.RelativePath));
        Assert.Equal(["resized.png", "touched.png"], plan.Changed.Select(f => f.RelativePath));
        Assert.Equal(["gone.png"], plan.Deleted.Select(f => f.Path));
        Assert.Equal(["bad.png", "same.png"], plan.Unchanged.Select(f => f.RelativePath));
        Assert.Equal(["bad.png"], plan.KnownUnreadable.Select(f => f.Path));
        Assert.Equal(["added.png", "resized.png", "touched.png"], plan.ToEmbed.Select(f => f.RelativePath));
        Assert.True(plan.HasWork);
    }

    [Fact]
    public void An_unchanged_folder_has_nothing_to_do()
    {
        var plan = IndexPlanner.Plan([File("a.png", 1, 1)], [Entry(1, "a.png", 1, 1)]);
        Assert.False(plan.HasWork);
        Assert.Empty(plan.ToEmbed);
    }
}
