using Itm.Index.Scanning;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Live;

/// <summary>
/// <c>itm index --watch</c>'s watcher: a change the next scan would see wakes it once the folder is quiet; a change
/// the scan would leave out (ignored, hidden, not an image, inside the index folder) does not, and the rescan interval
/// still comes round.
/// </summary>
public sealed class FolderWatcherTests : IDisposable
{
    private static readonly FolderWatchOptions Fast = new() { Quiet = TimeSpan.FromMilliseconds(200), Rescan = TimeSpan.FromSeconds(2) };
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;

    public FolderWatcherTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        images.WriteMany(3);
        images.Write(".itmignore", "drafts/\n*.bmp\n");
    }

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("added")]
    [InlineData("deleted")]
    [InlineData("renamed")]
    [InlineData("rules")]
    public void A_change_the_scan_would_see_wakes_the_watcher_once_the_folder_is_quiet(string change)
    {
        using var watcher = Watcher();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Act(change);

        Assert.Equal(WatchTrigger.Changes, watcher.WaitForChange(CancellationToken.None));
        Assert.InRange(clock.Elapsed, Fast.Quiet, Fast.Rescan);
    }

    [Fact]
    public void A_stop_asked_for_during_a_run_wins_over_changes_already_pending()
    {
        // A change arrives while a run is in progress, and so does Ctrl+C: the watch must stop, not start another run.
        using var watcher = Watcher();
        Act("added");
        Thread.Sleep(Fast.Quiet * 2);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Assert.Throws<OperationCanceledException>(() => watcher.WaitForChange(stop.Token));
    }

    [Fact]
    public void Changes_the_scan_would_leave_out_wake_nothing_before_the_rescan()
    {
        using var watcher = Watcher();
        images.Write("drafts/sketch.png", "ignored folder");
        images.Write("a/scan.bmp", "ignored pattern");
        images.Write(".hidden/x.png", "hidden folder");
        images.Write("a/notes.txt", "not an image");
        images.Write("db/thumbnails/1.webp", "the index's own files");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(WatchTrigger.Rescan, watcher.WaitForChange(CancellationToken.None));
        Assert.True(clock.Elapsed >= Fast.Rescan - TimeSpan.FromMilliseconds(50), $"woke after {clock.Elapsed}");
    }

    [Fact]
    public void Exclude_patterns_apply_to_events_too()
    {
        using var watcher = new FolderWatcher(images.Root, Fast, ["raw/"], [Path.Combine(images.Root, "db")]);
        images.Write("raw/x.png", "excluded for this run");

        Assert.Equal(WatchTrigger.Rescan, watcher.WaitForChange(CancellationToken.None));
    }

    [Fact]
    public void Cancelling_the_wait_stops_it()
    {
        // A rescan far off: on a loaded machine the cancel timer's callback can run late, and a rescan falling due
        // first would end the wait before the cancel is seen.
        using var watcher = new FolderWatcher(images.Root, Fast with { Rescan = TimeSpan.FromMinutes(5) }, [], [Path.Combine(images.Root, "db")]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() => watcher.WaitForChange(cancel.Token));
    }

    private FolderWatcher Watcher() => new(images.Root, Fast, [], [Path.Combine(images.Root, "db")]);

    private void Act(string change)
    {
        switch (change)
        {
            case "added":
                images.Write("new/fresh.png", "fresh");
                break;
            case "deleted":
                File.Delete(Path.Combine(images.Root, "a/img000.png"));
                break;
            case "renamed":
                File.Move(Path.Combine(images.Root, "b/img001.png"), Path.Combine(images.Root, "b/moved.png"));
                break;
            default:
                images.Write(".itmignore", "drafts/\n");
                break;
        }
    }
}
