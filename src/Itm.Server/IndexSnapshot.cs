using Itm.Search.Queries;

namespace Itm.Server;

/// <summary>
/// One opened state of the index (a <see cref="QueryService"/>) and the requests using it. A request acquires it before
/// it reads and releases it after; retiring it (the server stopping, or a newer snapshot taking its place) refuses
/// new requests, and the last request out closes the service, so nothing is closed under a request still reading it.
/// </summary>
internal sealed class IndexSnapshot
{
    // The owner's reference counts as one user until it is retired; 0 means closed.
    private int users = 1;
    private int retired;

    public IndexSnapshot(QueryService service)
    {
        Service = service;
    }

    public QueryService Service { get; }

    /// <summary>False once the snapshot is retired and closed, or closing: the caller must not use <see cref="Service"/>.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            int now = Volatile.Read(ref users);
            if (now == 0 || Volatile.Read(ref retired) == 1)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref users, now + 1, now) == now)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref users) == 0)
        {
            Service.Dispose();
        }
    }

    /// <summary>Refuses new requests and drops the owner's reference; the service closes now, or when the last request releases it.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref retired, 1) == 0)
        {
            Release();
        }
    }
}
