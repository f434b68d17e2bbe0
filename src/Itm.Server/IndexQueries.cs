using Itm.Search.Queries;

namespace Itm.Server;

/// <summary>
/// The server's one <see cref="QueryService"/>, opened at start-up so a bad index fails <c>itm serve</c> at once, and
/// the lock that lets requests share it: the service's catalog connection, lazily opened vector files and model are
/// single-threaded, and on a machine of a few cores one query at a time is also the fastest order.
/// </summary>
public sealed class IndexQueries : IDisposable
{
    private readonly QueryService service;
    private readonly Lock gate = new();

    public IndexQueries(QueryService service)
    {
        this.service = service;
    }

    public T Run<T>(Func<QueryService, T> query)
    {
        lock (gate)
        {
            return query(service);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            service.Dispose();
        }
    }
}
