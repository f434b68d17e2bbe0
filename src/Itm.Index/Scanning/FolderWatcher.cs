using System.Diagnostics;
using Itm.Data.Images;

namespace Itm.Index.Scanning;

/// <summary>
/// Watches an images folder for the changes an indexing run would pick up, for <c>itm index --watch</c>. Events for
/// paths a scan would leave out (hidden, not an image, ignored by .itmignore or <c>--exclude</c>, inside the index folder
/// itself) are dropped; a change to an .itmignore counts (it changes what is indexed). <see cref="WaitForChange"/>
/// returns once a change has been followed by <see cref="FolderWatchOptions.Quiet"/> without events, or
/// <see cref="FolderWatchOptions.Rescan"/> after it was called. Changes during a run are kept for the next wait.
/// </summary>
public sealed class FolderWatcher : IDisposable
{
    private readonly string root;
    private readonly FolderWatchOptions options;
    private readonly IReadOnlyList<string> exclude;
    private readonly IReadOnlyList<string> skipFolders;
    private readonly FileSystemWatcher? watcher;
    private readonly SemaphoreSlim events = new(0);
    private readonly Lock gate = new();
    private long lastChange = -1;

    /// <param name="root">The images folder.</param>
    /// <param name="skipFolders">Folders under <paramref name="root"/> whose changes never count (the index folder, when it is inside).</param>
    public FolderWatcher(string root, FolderWatchOptions options, IReadOnlyList<string> exclude, IReadOnlyList<string> skipFolders)
    {
        options.Validate();
        this.root = Path.GetFullPath(root);
        this.options = options;
        this.exclude = exclude;
        this.skipFolders = [.. skipFolders.Select(folder => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))];
        try
        {
            var fileWatcher = new FileSystemWatcher(this.root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            fileWatcher.Created += (_, e) => Seen(e.FullPath);
            fileWatcher.Changed += (_, e) => Seen(e.FullPath);
            fileWatcher.Deleted += (_, e) => Seen(e.FullPath);
            fileWatcher.Renamed += (_, e) =>
            {
                Seen(e.OldFullPath);
                Seen(e.FullPath);
            };

            // Events were lost (the queue overflowed): something changed, so the next wait runs.
            fileWatcher.Error += (_, _) => Changed();
            fileWatcher.EnableRaisingEvents = true;
            watcher = fileWatcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            Problem = $"{this.root} can't be watched for changes ({e.Message.TrimEnd('.')}); it is rescanned every {options.Rescan.TotalSeconds:0.#} s instead.";
        }
    }

    /// <summary>Why the folder is not watched (only rescanned), or null when it is.</summary>
    public string? Problem { get; }

    /// <summary>
    /// Blocks until a change has been followed by <see cref="FolderWatchOptions.Quiet"/> without events, or the rescan
    /// interval has passed.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public WatchTrigger WaitForChange(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // First, so that a stop asked for during a run ends the watch after it even when changes are pending: a
            // change that is already quiet would otherwise start another run without the token ever being looked at.
            cancellation.ThrowIfCancellationRequested();
            long changed;
            lock (gate)
            {
                changed = lastChange;
            }

            TimeSpan wait;
            if (changed >= 0)
            {
                var quietFor = Stopwatch.GetElapsedTime(changed);
                if (quietFor >= options.Quiet)
                {
                    lock (gate)
                    {
                        // A change that came since the read above starts its own quiet time.
                        if (lastChange == changed)
                        {
                            lastChange = -1;
                            Drain();
                            return WatchTrigger.Changes;
                        }
                    }

                    continue;
                }

                wait = options.Quiet - quietFor;
            }
            else
            {
                wait = options.Rescan - clock.Elapsed;
                if (wait <= TimeSpan.Zero)
                {
                    Drain();
                    return WatchTrigger.Rescan;
                }
            }

            events.Wait(wait, cancellation);
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        events.Dispose();
    }

    /// <summary>Forgets the wake-ups of events already accounted for.</summary>
    private void Drain()
    {
        while (events.Wait(0))
        {
        }
    }

    /// <summary>Counts a changed path unless a scan would leave it out.</summary>
    private void Seen(string fullPath)
    {
        if (Counts(fullPath))
        {
            Changed();
        }
    }

    private void Changed()
    {
        lock (gate)
        {
            lastChange = Stopwatch.GetTimestamp();
        }

        try
        {
            events.Release();
        }
        catch (ObjectDisposedException)
        {
            // An event delivered on the watcher's own thread while this watcher is disposed: nobody waits any more.
        }
    }

    private bool Counts(string fullPath)
    {
        if (skipFolders.Any(folder => fullPath == folder || fullPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            return false;
        }

        string relative = Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        string name = Path.GetFileName(fullPath);
        if (name == IgnoreRules.FileName)
        {
            return true;
        }

        // Hidden files and folders are never indexed, nor is anything under them.
        if (relative.StartsWith("..", StringComparison.Ordinal) || relative.Split('/').Any(part => part.StartsWith('.')))
        {
            return false;
        }

        // A folder (or what was one: a deleted path without an image's extension may have been a folder of images).
        bool image = ImageFileTypes.IsImage(name);
        if (!image && File.Exists(fullPath))
        {
            return false;
        }

        try
        {
            return !FolderScanner.IsIgnored(root, relative, isDirectory: !image, exclude);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The rules could not be read now: let the run's scan decide.
            return true;
        }
    }
}
