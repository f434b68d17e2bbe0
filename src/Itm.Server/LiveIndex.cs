using Itm.Index.Storage;

namespace Itm.Server;

/// <summary>
/// The live index: watches the index folder and, when an <c>itm index</c> run has finished (the catalog's count of
/// finished runs differs from the one the server answers from), opens the index again off the request path and swaps
/// the new snapshot in (<see cref="IndexQueries.Replace"/>). A change event wakes it at once; a poll every
/// <see cref="LiveIndexOptions.Poll"/> catches what events miss. An index that can't be opened now (damaged, or
/// changing too fast) is logged, the old snapshot keeps answering, and the next event or poll tries again.
/// </summary>
internal sealed partial class LiveIndex : BackgroundService
{
    private readonly IndexQueries queries;
    private readonly RecentExplanations explanations;
    private readonly string folder;
    private readonly LiveIndexOptions options;
    private readonly ILogger<LiveIndex> logger;
    private readonly SemaphoreSlim changed = new(0);
    private string? lastProblem;

    public LiveIndex(IndexQueries queries, RecentExplanations explanations, ServerOptions server, ILogger<LiveIndex> logger)
    {
        this.queries = queries;
        this.explanations = explanations;
        folder = Path.GetFullPath(server.IndexDir);
        options = server.Live;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = Watch();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await changed.WaitAsync(options.Poll, stoppingToken))
                {
                    await Task.Delay(options.Settle, stoppingToken);
                    while (changed.Wait(0))
                    {
                        // Events that came while settling: this one check covers them.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Opening an index maps files and reads the catalog: blocking work, kept off the request threads' pool turns.
            await Task.Run(Check, stoppingToken).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        changed.Dispose();
        base.Dispose();
    }

    /// <summary>Opens the index again and swaps it in when a run has finished since the snapshot being served.</summary>
    private void Check()
    {
        long serving = queries.Generation;
        try
        {
            if (IndexReader.FinishedRuns(folder) == serving)
            {
                return;
            }

            var next = queries.Run(service => service.Reopen());
            long generation = next.FinishedRuns;
            if (queries.Replace(next))
            {
                explanations.Clear();
                lastProblem = null;
                LogServing(folder, generation, serving);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever stops the new snapshot (a damaged file, a run still changing the catalog, a stopping server), the
            // old one answers on. Said once per distinct problem, not at every poll.
            if (e.Message != lastProblem)
            {
                lastProblem = e.Message;
                LogNotOpened(e, folder, serving);
            }
        }
    }

    /// <summary>Every change to the catalog (its write-ahead log, its file) wakes the loop; vector and graph files follow it.</summary>
    private FileSystemWatcher? Watch()
    {
        try
        {
            var watcher = new FileSystemWatcher(folder, IndexFiles.CatalogFile + "*")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => Wake();
            watcher.Created += (_, _) => Wake();
            watcher.Renamed += (_, _) => Wake();
            watcher.Error += (_, _) => Wake();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            LogNotWatched(e, folder, options.Poll.TotalSeconds);
            return null;
        }
    }

    private void Wake()
    {
        try
        {
            if (changed.CurrentCount == 0)
            {
                changed.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // An event delivered while the server stops (the watcher's own thread): nothing is waiting for it.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Folder}: an index run finished; now answering from generation {Generation} (was {Previous}).")]
    private partial void LogServing(string folder, long generation, long previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Folder} changed, but could not be opened again; still answering from generation {Serving}. Trying again at the next change or poll.")]
    private partial void LogNotOpened(Exception exception, string folder, long serving);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Folder} can't be watched for changes; finished index runs are found by polling every {Seconds} s instead.")]
    private partial void LogNotWatched(Exception exception, string folder, double seconds);
}
