using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Itm.Index.Garnet;

/// <summary>
/// Forms a Garnet cluster from running cluster-mode nodes (slots split evenly, every node meets every other) and
/// describes what a list of endpoints is. Garnet nodes have no config file that names their peers: this is the step
/// that turns N separately started nodes into one cluster.
/// </summary>
public static class GarnetCluster
{
    private const string StartHint = "start it with itm garnet serve or scripts/garnet/start-cluster.sh";

    /// <summary>
    /// Makes the nodes one cluster: when no node owns slots, assigns 0–16383 evenly in endpoint order; introduces every
    /// node to the ones it doesn't know; waits until every node reports <c>cluster_state:ok</c> and knows all the others.
    /// A cluster that is already formed is left as it is.
    /// </summary>
    /// <exception cref="GarnetClusterException">A node is unreachable or not in cluster mode, some slots are assigned but
    /// not all, or the nodes did not agree within <paramref name="timeout"/>.</exception>
    public static void Form(IReadOnlyList<string> endpoints, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("No Garnet endpoint given to form a cluster of.", nameof(endpoints));
        }

        var clock = Stopwatch.StartNew();
        using var mux = Connect(endpoints, timeout);
        var nodes = endpoints.Select(endpoint => Ask(mux, endpoint)).ToList();
        foreach (var node in nodes)
        {
            if (!node.Reachable)
            {
                throw new GarnetClusterException(node.Endpoint, $"Garnet at {node.Endpoint} is unreachable ({node.Error}); {StartHint}.");
            }

            if (node.NodeId is null)
            {
                throw new GarnetClusterException(node.Endpoint,
                    $"Garnet at {node.Endpoint} is not in cluster mode; restart it with --cluster (itm garnet serve --nodes N does this for N > 1).");
            }
        }

        AssignSlotsIfNoneAre(mux, nodes);
        Introduce(mux, nodes, clock, timeout);
        WaitUntilAgreed(mux, endpoints, timeout - clock.Elapsed);
    }

    /// <summary>What each endpoint is: reachable or not, standalone or a cluster node with its id, slot ranges and key count.</summary>
    public static GarnetTopology Describe(IReadOnlyList<string> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        using var mux = Connect(endpoints, TimeSpan.FromSeconds(3));
        var nodes = endpoints.Select(endpoint => Ask(mux, endpoint)).ToList();
        return new GarnetTopology(nodes.Any(node => node.NodeId is not null), nodes);
    }

    /// <summary>
    /// One connection to all the nodes, for admin commands sent to each node by name. It never aborts on a node that is
    /// down: that node is reported as unreachable instead.
    /// </summary>
    internal static ConnectionMultiplexer Connect(IReadOnlyList<string> endpoints, TimeSpan timeout)
    {
        var options = new ConfigurationOptions
        {
            AllowAdmin = true,
            AbortOnConnectFail = false,
            ConnectTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 100, 10_000),
            // Admin commands wait on the disk (SAVE writes a checkpoint): on a busy 2-core machine 2 s was not always enough.
            SyncTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 2_000, 30_000),
            ConnectRetry = 1,
        };
        foreach (string endpoint in endpoints)
        {
            options.EndPoints.Add(endpoint);
        }

        return ConnectionMultiplexer.Connect(options);
    }

    internal static IServer Server(IConnectionMultiplexer mux, string endpoint)
    {
        var (host, port) = GarnetEndpoints.Split(endpoint);
        return mux.GetServer(host, port);
    }

    /// <summary>Asks one node who it is; a node that does not answer, or answers as a standalone server, says so.</summary>
    internal static GarnetNode Ask(IConnectionMultiplexer mux, string endpoint)
    {
        try
        {
            var server = Server(mux, endpoint);
            string info;
            try
            {
                info = server.Execute("CLUSTER", "INFO").ToString();
            }
            catch (RedisServerException e) when (e.Message.Contains("cluster support disabled", StringComparison.OrdinalIgnoreCase))
            {
                return new GarnetNode(endpoint, true, null, [], 0, null, server.DatabaseSize(), null);
            }

            var lines = ClusterNodesLines(server);
            var myself = lines.Single(line => line.Flags.Contains("myself"));
            return new GarnetNode(endpoint, true, myself.Id, myself.Slots, lines.Count, InfoField(info, "cluster_state"), server.DatabaseSize(), null);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // A node busy meeting its peers can miss one reply: the caller polls again; a node that is down stays unreachable.
            return new GarnetNode(endpoint, false, null, [], 0, null, 0, Reason(e));
        }
    }

    /// <summary>Why a node did not answer, in a few words (the client's own messages carry a page of diagnostics).</summary>
    private static string Reason(Exception e) => e switch
    {
        RedisConnectionException connection => $"cannot connect: {connection.FailureType}",
        RedisTimeoutException when e.Message.Contains("no connection", StringComparison.OrdinalIgnoreCase) => "cannot connect",
        RedisTimeoutException => "no reply in time",
        _ => e.Message.Split(" - ", 2)[0],
    };

    /// <summary>The even split of all slots over <paramref name="nodes"/> nodes, in order (node i gets the i-th run).</summary>
    internal static SlotRange EvenShare(int node, int nodes) =>
        new(node * GarnetTopology.SlotCount / nodes, ((node + 1) * GarnetTopology.SlotCount / nodes) - 1);

    private static void AssignSlotsIfNoneAre(IConnectionMultiplexer mux, IReadOnlyList<GarnetNode> nodes)
    {
        int assigned = nodes.Sum(node => node.Slots.Sum(range => range.Count));
        if (assigned == GarnetTopology.SlotCount)
        {
            return;
        }

        if (assigned > 0)
        {
            var owners = nodes.Where(node => node.Slots.Count > 0).ToList();
            throw new GarnetClusterException(owners[0].Endpoint,
                $"Only {assigned} of {GarnetTopology.SlotCount} hash slots are assigned ("
                + string.Join("; ", owners.Select(node => $"{node.Endpoint}: {string.Join(' ', node.Slots)}"))
                + "). itm assigns slots only to a cluster with none assigned: add the missing ones with CLUSTER ADDSLOTSRANGE, or restart the nodes empty.");
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            var share = EvenShare(i, nodes.Count);
            Server(mux, nodes[i].Endpoint).Execute("CLUSTER", "ADDSLOTSRANGE", share.First, share.Last);
        }
    }

    /// <summary>
    /// CLUSTER MEET from each node to each endpoint it doesn't know yet (by address). While the slots and the first
    /// meetings settle a reply now and then does not come in time (seen with 3 nodes in one process): both commands are
    /// safe to repeat, so they are, until <paramref name="timeout"/>.
    /// </summary>
    private static void Introduce(IConnectionMultiplexer mux, IReadOnlyList<GarnetNode> nodes, Stopwatch clock, TimeSpan timeout)
    {
        var addresses = nodes.Select(node => (node.Endpoint, Address: Resolve(node.Endpoint))).ToList();
        foreach (var node in nodes)
        {
            var server = Server(mux, node.Endpoint);
            var known = Repeating(() => ClusterNodesLines(server), node.Endpoint, clock, timeout)
                .Select(line => line.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var other in addresses.Where(other => other.Endpoint != node.Endpoint && !known.Contains(other.Address)))
            {
                var (ip, port) = GarnetEndpoints.Split(other.Address);
                Repeating(() => server.Execute("CLUSTER", "MEET", ip, port), node.Endpoint, clock, timeout);
            }
        }
    }

    private static T Repeating<T>(Func<T> command, string endpoint, Stopwatch clock, TimeSpan timeout)
    {
        while (true)
        {
            try
            {
                return command();
            }
            catch (RedisTimeoutException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(50);
            }
            catch (RedisTimeoutException e)
            {
                throw new GarnetClusterException(endpoint, $"Garnet at {endpoint} did not answer within {timeout.TotalSeconds:0.#} s while the cluster formed.", e);
            }
        }
    }

    private static void WaitUntilAgreed(IConnectionMultiplexer mux, IReadOnlyList<string> endpoints, TimeSpan timeLeft)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var nodes = endpoints.Select(endpoint => Ask(mux, endpoint)).ToList();
            var ids = nodes.Select(node => node.NodeId).ToHashSet();
            var behind = nodes.FirstOrDefault(node =>
                !node.Reachable || node.ClusterState != "ok" || !ids.IsSubsetOf(ClusterNodesLines(Server(mux, node.Endpoint)).Select(line => (string?)line.Id)));
            if (behind is null)
            {
                return;
            }

            if (clock.Elapsed >= timeLeft)
            {
                string why = !behind.Reachable ? $"it stopped answering ({behind.Error})"
                    : $"it reports cluster_state:{behind.ClusterState} and knows {behind.KnownNodes} of {endpoints.Count} nodes";
                throw new GarnetClusterException(behind.Endpoint,
                    $"The Garnet cluster did not form within {timeLeft.TotalSeconds:0.#} s: {behind.Endpoint} is not ready ({why}).");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>The endpoint with its host as the IP address a node announces (CLUSTER MEET takes an address, not a name).</summary>
    private static string Resolve(string endpoint)
    {
        var (host, port) = GarnetEndpoints.Split(endpoint);
        if (!IPAddress.TryParse(host, out var address))
        {
            var all = Dns.GetHostAddresses(host);
            address = all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.First();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
    }

    private static string? InfoField(string info, string name) =>
        info.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(line => line[(name.Length + 1)..])
            .FirstOrDefault();

    private sealed record NodesLine(string Id, string Address, string Flags, IReadOnlyList<SlotRange> Slots);

    /// <summary>
    /// Parses CLUSTER NODES: <c>id ip:port@cport[,hostname] flags primary ping pong epoch link slot...</c>; slots in
    /// migration (<c>[slot-&gt;-id]</c>) are left out.
    /// </summary>
    private static List<NodesLine> ClusterNodesLines(IServer server)
    {
        string text = server.Execute("CLUSTER", "NODES").ToString();
        var lines = new List<NodesLine>();
        foreach (string line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8)
            {
                continue;
            }

            string address = fields[1].Split(',')[0].Split('@')[0];
            var slots = fields.Skip(8).Where(field => !field.StartsWith('[')).Select(ParseRange).ToList();
            lines.Add(new NodesLine(fields[0], address, fields[2], slots));
        }

        return lines;
    }

    private static SlotRange ParseRange(string field)
    {
        int dash = field.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new SlotRange(int.Parse(field, CultureInfo.InvariantCulture), int.Parse(field, CultureInfo.InvariantCulture))
            : new SlotRange(int.Parse(field[..dash], CultureInfo.InvariantCulture), int.Parse(field[(dash + 1)..], CultureInfo.InvariantCulture));
    }
}
