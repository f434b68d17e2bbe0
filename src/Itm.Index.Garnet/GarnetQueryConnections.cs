namespace Itm.Index.Garnet;

/// <summary>
/// The connections that index readers search through: one per set of nodes, shared by every reader open on those nodes
/// and closed when the last of them is. A server opens a new reader (snapshot) after every index run, before it closes
/// the old one; a connection of its own would first have to connect, which takes the whole connect timeout while a
/// node is down, before its first search could even fail. The shared one stays connected and keeps trying a node that
/// went down. A reader joins when it opens and connects only when it first searches.
/// </summary>
internal sealed class GarnetQueryConnections(GarnetOptions options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Shared> open = new(StringComparer.Ordinal);

    /// <summary>A reader's share of the connection to the nodes; disposing it leaves.</summary>
    public Lease Join(IReadOnlyList<string> endpoints)
    {
        string key = string.Join(',', endpoints);
        lock (gate)
        {
            if (!open.TryGetValue(key, out var shared))
            {
                shared = new Shared(key, endpoints, options);
                open[key] = shared;
            }

            shared.Readers++;
            return new Lease(this, shared);
        }
    }

    private void Leave(Shared shared)
    {
        lock (gate)
        {
            if (--shared.Readers > 0)
            {
                return;
            }

            open.Remove(shared.Key);
        }

        shared.Dispose();
    }

    public sealed class Lease : IDisposable
    {
        private readonly GarnetQueryConnections owner;
        private readonly Shared shared;
        private int left;

        internal Lease(GarnetQueryConnections owner, Shared shared)
        {
            this.owner = owner;
            this.shared = shared;
        }

        /// <summary>The connection, made on first use by any reader of these nodes.</summary>
        public GarnetStore Store => shared.Connect();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                owner.Leave(shared);
            }
        }
    }

    internal sealed class Shared(string key, IReadOnlyList<string> endpoints, GarnetOptions options) : IDisposable
    {
        private readonly Lock connecting = new();
        private GarnetStore? store;

        public string Key => key;

        public int Readers { get; set; }

        public GarnetStore Connect()
        {
            lock (connecting)
            {
                // Queries wait for a node no longer than a query may take.
                return store ??= GarnetStore.Connect(endpoints, options, options.QueryTimeout);
            }
        }

        public void Dispose()
        {
            lock (connecting)
            {
                store?.Dispose();
                store = null;
            }
        }
    }
}
