using Itm.Search.Queries;
using Itm.Server.Problems;

namespace Itm.Server;

/// <summary>
/// The server's index, opened at start-up so a bad index fails <c>itm serve</c> at once. Requests run side by side: the
/// <see cref="QueryService"/> is safe to share (a reader per running query, one model), so nothing here serialises them.
/// Each request holds the current <see cref="IndexSnapshot"/> while it runs. <see cref="Replace"/> puts a newer snapshot
/// in its place (the live index, after an indexing run): requests that start later get the new one, those in flight
/// finish on the old one, which closes when the last of them releases it. Disposing (the host stopping) closes the
/// index the same way, and refuses the requests that come later.
/// </summary>
public sealed class IndexQueries : IDisposable
{
    /// <summary>The response header that names the generation of the snapshot that answered (see <see cref="Generation"/>).</summary>
    public const string GenerationHeader = "X-Itm-Generation";

    private readonly IHttpContextAccessor? requests;
    private IndexSnapshot current;
    private int disposed;

    /// <param name="requests">When given, each answer carries <see cref="GenerationHeader"/>.</param>
    public IndexQueries(QueryService service, IHttpContextAccessor? requests = null)
    {
        current = new IndexSnapshot(service);
        this.requests = requests;
    }

    /// <summary>
    /// The generation new requests are answered from: how many indexing runs had finished on the index when the current
    /// snapshot was opened (<see cref="QueryService.FinishedRuns"/>).
    /// </summary>
    public long Generation => Volatile.Read(ref current).Service.FinishedRuns;

    /// <exception cref="ApiProblem">503: the server is stopping and has closed the index to new requests.</exception>
    public T Run<T>(Func<QueryService, T> query)
    {
        var snapshot = Acquire();
        try
        {
            if (requests?.HttpContext is { } request)
            {
                request.Response.Headers[GenerationHeader] = snapshot.Service.FinishedRuns.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return query(snapshot.Service);
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// Serves <paramref name="next"/> from now on; the snapshot it replaces closes once the requests using it finish.
    /// Returns false (and closes <paramref name="next"/>) when the server is stopping.
    /// </summary>
    public bool Replace(QueryService next)
    {
        var snapshot = new IndexSnapshot(next);
        var old = Interlocked.Exchange(ref current, snapshot);
        old.Retire();
        if (Volatile.Read(ref disposed) == 1)
        {
            // Stopping raced with the swap: whichever snapshot Dispose missed is retired here.
            snapshot.Retire();
            return false;
        }

        return true;
    }

    public void Dispose()
    {
        // A full fence, so a swap either sees the flag or is seen by the read after it.
        Interlocked.Exchange(ref disposed, 1);
        Volatile.Read(ref current).Retire();
    }

    /// <summary>The current snapshot, acquired; when a swap retires it between the read and the acquire, the newer one.</summary>
    private IndexSnapshot Acquire()
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref current);
            if (snapshot.TryAcquire())
            {
                return snapshot;
            }

            if (Volatile.Read(ref disposed) == 1 || ReferenceEquals(snapshot, Volatile.Read(ref current)))
            {
                throw new ApiProblem(StatusCodes.Status503ServiceUnavailable, "The server is stopping",
                    "The server is stopping and has closed the index to new requests; another instance, or this one restarted, will answer.");
            }
        }
    }
}
