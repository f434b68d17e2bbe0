using System.Collections.Concurrent;
using Itm.Index;
using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Storage;

namespace Itm.Search.Queries;

/// <summary>
/// Readers of one index folder, one per query running at once. An <see cref="IndexReader"/> is single-threaded (a SQLite
/// connection, collections mapped on first use, an HNSW view with a fixed number of search contexts), so queries share
/// none: each borrows a whole reader for its index work and gives it back. The vector files are memory-mapped by each
/// reader, so the pages are in memory once, and are mapped when the pool opens: an indexer's compaction may delete them
/// afterwards and the pool still answers from them. Every reader holds a read snapshot of the catalog taken when the pool opened,
/// and the pool checks they all hold the same one: a query sees one state of the index whichever reader it gets, even
/// while an indexer commits.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    /// <summary>Tries at opening readers that agree before giving up on an index an indexer keeps changing.</summary>
    private const int OpenAttempts = 5;

    private readonly IReadOnlyList<IndexReader> all;
    private readonly ConcurrentBag<IndexReader> idle;
    private readonly SemaphoreSlim available;

    private ReaderPool(IReadOnlyList<IndexReader> readers)
    {
        all = readers;
        idle = new ConcurrentBag<IndexReader>(readers);
        available = new SemaphoreSlim(readers.Count, readers.Count);
    }

    public int Count => all.Count;

    /// <summary>What every reader agrees the index is (read when it opened; never changes).</summary>
    public CatalogState State => all[0].State;

    public string Folder => all[0].Folder;

    public IndexIdentity Identity => all[0].Identity;

    public static ReaderPool Open(string folder, int count, VectorIndexOptions options, IMirrorSource? mirror)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (int attempt = 1; ; attempt++)
        {
            var readers = new List<IndexReader>(count);
            try
            {
                while (readers.Count < count)
                {
                    readers.Add(IndexReader.Open(folder, options, mirror));
                    readers[^1].OpenFiles();
                }
            }
            catch
            {
                readers.ForEach(r => r.Dispose());
                throw;
            }

            if (readers.All(r => r.State == readers[0].State))
            {
                return new ReaderPool(readers);
            }

            // An indexer committed while the readers opened: open them all again, at the newer state.
            readers.ForEach(r => r.Dispose());
            if (attempt == OpenAttempts)
            {
                throw new IndexFolderException(
                    $"The index {Path.GetFullPath(folder)} changed {OpenAttempts} times while {count} readers of it opened. " +
                    "Try again once the indexer writing it has finished.");
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on a reader no other thread is using, waiting for one when all are busy.</summary>
    public T Read<T>(Func<IndexReader, T> work)
    {
        available.Wait();
        try
        {
            if (!idle.TryTake(out var reader))
            {
                throw new InvalidOperationException("The reader pool lost count of its readers.");
            }

            try
            {
                return work(reader);
            }
            finally
            {
                idle.Add(reader);
            }
        }
        finally
        {
            available.Release();
        }
    }

    /// <summary>Closes every reader; the owner makes sure no query is still reading (see the server's index snapshot).</summary>
    public void Dispose()
    {
        foreach (var reader in all)
        {
            reader.Dispose();
        }

        available.Dispose();
    }
}
