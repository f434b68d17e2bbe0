using Itm.Search.Queries;
using Itm.Server.Problems;

namespace Itm.Server;

/// <summary>
/// The server's index, opened at start-up so a bad index fails <c>itm serve</c> at once. Requests run side by side: the
/// <see cref="QueryService"/> is safe to share (a reader per running query, one model), so nothing here serialises them.
/// Each request holds the current <see cref="IndexSnapshot"/> while it runs, so disposing (the host stopping) closes
/// the index only after the requests in flight have finished with it, and refuses those that come later.
/// </summary>
public sealed class IndexQueries : IDisposable
{
    // One snapshot for the server's life today; the reference is read once per request so that replacing it with a
    // newer one (a live index) would leave the requests in flight on the old one until they finish.
    private readonly IndexSnapshot current;

    public IndexQueries(QueryService service)
    {
        current = new IndexSnapshot(service);
    }

    /// <exception cref="ApiProblem">503: the server is stopping and has closed the index to new requests.</exception>
    public T Run<T>(Func<QueryService, T> query)
    {
        var snapshot = current;
        if (!snapshot.TryAcquire())
        {
            throw new ApiProblem(StatusCodes.Status503ServiceUnavailable, "The server is stopping",
                "The server is stopping and has closed the index to new requests; another instance, or this one restarted, will answer.");
        }

        try
        {
            return query(snapshot.Service);
        }
        finally
        {
            snapshot.Release();
        }
    }

    public void Dispose() => current.Retire();
}
