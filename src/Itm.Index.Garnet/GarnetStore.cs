using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Itm.Data.Ranking;
using StackExchange.Redis;

namespace Itm.Index.Garnet;

/// <summary>
/// A connection to a Garnet node or cluster and the vector-set commands itm uses: VADD (FP32 blob, no quantisation,
/// cosine distance), VREM, VCARD, VSIM and DEL. Cluster routing (which node serves a key's slot, MOVED replies) is the
/// client's (StackExchange.Redis). Every failure to reach a node becomes an <see cref="IndexFolderException"/> of
/// <see cref="IndexProblem.BackendUnavailable"/> that names the key and the node.
/// </summary>
public sealed class GarnetStore : IDisposable
{
    private readonly ConnectionMultiplexer connection;
    private readonly IDatabase database;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> nodes = new(StringComparer.Ordinal);

    private GarnetStore(ConnectionMultiplexer connection, IReadOnlyList<string> endpoints, GarnetOptions options)
    {
        this.connection = connection;
        database = connection.GetDatabase();
        Endpoints = endpoints;
        Options = options;
    }

    /// <summary>How often a node that stopped answering is tried again.</summary>
    public static readonly TimeSpan ReconnectEvery = TimeSpan.FromMilliseconds(250);

    public IReadOnlyList<string> Endpoints { get; }

    public GarnetOptions Options { get; }

    /// <summary>Nodes that serve keys: the cluster's primaries, or 1 for a single node.</summary>
    public int NodeCount => Math.Max(1, connection.GetServers().Count(server => server.IsConnected && !server.IsReplica));

    /// <param name="commandTimeout">How long a command may wait for its node; default <see cref="GarnetOptions.WriteTimeout"/>.</param>
    public static GarnetStore Connect(IReadOnlyList<string> endpoints, GarnetOptions options, TimeSpan? commandTimeout = null)
    {
        options.Validate();
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("No Garnet node given: pass --garnet HOST:PORT[,HOST:PORT...].", nameof(endpoints));
        }

        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            // CONFIG GET and BGSAVE, for the checkpoint after an index run (Checkpoint).
            AllowAdmin = true,
            ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds,
            SyncTimeout = (int)(commandTimeout ?? options.WriteTimeout).TotalMilliseconds,
            AsyncTimeout = (int)(commandTimeout ?? options.WriteTimeout).TotalMilliseconds,
            // A command for a node that is down fails at once, naming it, instead of waiting in the client until the
            // node is back (the client's default): a query answers 503 now, and an index run stops and can be run again.
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectRetry = 1,
            ClientName = "itm",
            // A node that went down is tried again every heartbeat, so it is used again within about this long of its
            // coming back (the client's defaults, a 1 s heartbeat and an exponential back-off, took up to 6.7 s).
            HeartbeatInterval = ReconnectEvery,
            ReconnectRetryPolicy = new LinearRetry((int)ReconnectEvery.TotalMilliseconds),
        };
        foreach (string endpoint in endpoints)
        {
            configuration.EndPoints.Add(endpoint);
        }

        var connection = ConnectionMultiplexer.Connect(configuration);
        if (!connection.IsConnected)
        {
            connection.Dispose();
            throw new IndexFolderException(
                $"No Garnet node answered at {string.Join(", ", endpoints)} within {options.ConnectTimeout.TotalSeconds:0.#} s. " +
                "Start one (`itm garnet serve`, see docs/garnet.md) or pass the right --garnet HOST:PORT.",
                IndexProblem.BackendUnavailable);
        }

        var store = new GarnetStore(connection, endpoints, options);
        try
        {
            store.CheckVectorSets();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The node that serves a key's slot, as "host:port", as first seen: once a node is down the client routes its keys
    /// elsewhere, and an error must name the node that failed, not the one asked instead.
    /// </summary>
    public string NodeOf(string key)
    {
        if (nodes.TryGetValue(key, out string? known))
        {
            return known;
        }

        try
        {
            if (SlotOwner(key) is { } owner)
            {
                return nodes.GetOrAdd(key, Format(owner));
            }

            var server = connection.GetServer((RedisKey)key);
            return server.IsConnected ? nodes.GetOrAdd(key, Format(server.EndPoint)) : "an unreachable node";
        }
        catch (Exception e) when (e is RedisException or ArgumentException or InvalidOperationException)
        {
            return "an unknown node";
        }
    }

    /// <summary>
    /// The node the cluster's slot map gives a key's slot to, as any node that answers sees it; null outside a cluster.
    /// A process that connects while that node is down would otherwise be routed to another node for the key, and name
    /// a node that works.
    /// </summary>
    private EndPoint? SlotOwner(string key)
    {
        int slot = connection.HashSlot(key);
        foreach (var server in connection.GetServers().Where(server => server.IsConnected && server.ServerType == ServerType.Cluster))
        {
            if (server.ClusterConfiguration?.GetBySlot(slot)?.EndPoint is { } owner)
            {
                return owner;
            }
        }

        return null;
    }

    /// <summary>Adds (or replaces) a row's vector.</summary>
    public Task AddAsync(string key, long row, ReadOnlySpan<float> vector, int links, int buildExpansion) =>
        database.ExecuteAsync("VADD", key, "FP32", MemoryMarshal.AsBytes(vector).ToArray(), GarnetKeys.Element(row),
            "NOQUANT", "EF", buildExpansion, "M", links, "XDISTANCE_METRIC", "COSINE");

    public Task RemoveAsync(string key, long row) => database.ExecuteAsync("VREM", key, GarnetKeys.Element(row));

    /// <summary>Elements in a vector set (0 when the key does not exist). Also notes the key's node for later messages.</summary>
    public long Count(string key)
    {
        long count = Guard(key, () => (long)database.Execute("VCARD", key));
        NodeOf(key);
        return count;
    }

    /// <summary>
    /// Deletes a vector set's write count, then the set: a reader that finds the set gone then finds its count gone
    /// too, sees that the copy changed, and answers from its own snapshot. One DEL of both is not atomic on Garnet: a
    /// reader between its two deletions found the set empty and the count unchanged, and answered 503 "the node lost
    /// its data" with every node up (a chaos run, once in 9,624 answers).
    /// </summary>
    public void Delete(string key) => Guard(key, () =>
    {
        database.KeyDelete(GarnetKeys.Writes(key));
        return database.KeyDelete(key);
    });

    /// <summary>
    /// Counts a write to a vector set before it is made: a reader that answers from an older snapshot of the folder
    /// compares the count after each search with the one it opened with, and sees that the set changed under it.
    /// </summary>
    public void CountWrite(string key) => Guard(key, () => database.StringIncrement(GarnetKeys.Writes(key)));

    /// <summary>The writes counted on a vector set (0 when none were, or its count was deleted with it).</summary>
    public long Writes(string key) => Guard(key, () => (long?)database.StringGet(GarnetKeys.Writes(key)) ?? 0);

    /// <summary>
    /// Sends a search for the <paramref name="k"/> nearest rows of one key, and a read of the key's write count right
    /// after it on the same connection: a write counted before it was made and seen by the search is seen by that count.
    /// The caller waits for the replies (<see cref="PendingSearch.Replies"/>) and then reads them itself: no continuation
    /// of ours needs a pool thread, which under load the requests blocked on their searches would be holding.
    /// </summary>
    public PendingSearch StartSearch(string key, byte[] query, int k, int expansion) => new(
        key,
        database.ExecuteAsync("VSIM", key, "FP32", query, "WITHSCORES", "COUNT", k, "EF", Math.Max(expansion, k)),
        database.StringGetAsync(GarnetKeys.Writes(key)));

    /// <summary>
    /// Asks every primary node that keeps an append-only file for a checkpoint in the background (BGSAVE): a node that
    /// restarts loads its newest checkpoint and replays only the commands that came after it. Nodes that keep their
    /// data in memory only are left alone (a checkpoint there is a file nothing recovers from). A checkpoint only
    /// shortens a restart, so nothing here throws: each node that could not be asked is one line of the result.
    /// </summary>
    public IReadOnlyList<string> Checkpoint()
    {
        var problems = new List<string>();
        foreach (var server in connection.GetServers().Where(server => !server.IsReplica))
        {
            try
            {
                if (KeepsAppendOnlyFile(server))
                {
                    Within(CheckpointTimeout, server.ExecuteAsync("BGSAVE"));
                }
            }
            catch (RedisServerException e) when (IsCheckpointInProgress(e))
            {
                // One that started before this run's last write still ends in a valid checkpoint; the rest is replayed.
            }
            catch (Exception e) when (e is RedisException or RedisTimeoutException or TimeoutException)
            {
                problems.Add($"Garnet node {Format(server.EndPoint)} was not asked for a checkpoint ({Reason(e)}): " +
                    "when it restarts it replays every write since its last checkpoint, which takes longer.");
            }
        }

        return problems;
    }

    /// <summary>Garnet's refusal of a checkpoint while another one runs ("ERR checkpoint already in progress").</summary>
    internal static bool IsCheckpointInProgress(RedisServerException e) =>
        e.Message.Contains("already in progress", StringComparison.OrdinalIgnoreCase);

    private static bool KeepsAppendOnlyFile(IServer server) =>
        Within(CheckpointTimeout, server.ConfigGetAsync("appendonly")).Any(setting => setting.Value.Equals("yes", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// How long a checkpoint's commands wait for a node: a checkpoint only shortens a later restart, and the run that
    /// asks for it (one that failed because a node went down, too) must not wait a write's timeout for it.
    /// </summary>
    private static readonly TimeSpan CheckpointTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The command's reply, or a <see cref="TimeoutException"/> once <paramref name="timeout"/> has passed.</summary>
    private static T Within<T>(TimeSpan timeout, Task<T> reply) => reply.WaitAsync(timeout).GetAwaiter().GetResult();

    /// <summary>The error for a key whose node failed, naming both.</summary>
    public IndexFolderException Unavailable(string key, Exception? cause) => new(
        $"Garnet node {NodeOf(key)} (key {key}) did not answer: {Reason(cause)}. " +
        "Check that the node runs (`itm garnet status --garnet ...`); itm returns no results rather than results without that node's vectors.",
        IndexProblem.BackendUnavailable, cause);

    public void Dispose() => connection.Dispose();

    /// <summary>Runs a write or bookkeeping command, turning a connection failure into an error that names the node.</summary>
    public T Guard<T>(string key, Func<T> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw Unavailable(key, e);
        }
        catch (RedisServerException e)
        {
            throw new IndexFolderException($"Garnet node {NodeOf(key)} refused a command on key {key}: {e.Message}", IndexProblem.BackendUnavailable, e);
        }
    }

    private void CheckVectorSets()
    {
        try
        {
            database.Execute("VCARD", "itm:probe");
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            // The node that serves the probe's slot is down: the client keeps trying it, and the first command that
            // needs it names it. Refusing the whole connection would leave the other nodes unused until it is back.
        }
        catch (RedisServerException e) when (e.Message.Contains("not enabled", StringComparison.OrdinalIgnoreCase))
        {
            throw new IndexFolderException(
                $"The Garnet node at {string.Join(", ", Endpoints)} has vector sets turned off. Start it with --enable-vector-set-preview " +
                "(`itm garnet serve` does).", IndexProblem.BackendUnavailable, e);
        }
        catch (RedisServerException e) when (e.Message.Contains("unknown command", StringComparison.OrdinalIgnoreCase))
        {
            throw new IndexFolderException(
                $"The server at {string.Join(", ", Endpoints)} does not know vector-set commands (VCARD): it is not Garnet 2.2 or newer.",
                IndexProblem.BackendUnavailable, e);
        }
    }

    /// <summary>One shard's hits, and the writes counted on it when the search had run.</summary>
    public sealed record ShardAnswer(IReadOnlyList<VectorHit> Hits, long Writes);

    /// <summary>A search sent to one key, and the read of its write count, in flight.</summary>
    public sealed class PendingSearch(string key, Task<RedisResult> search, Task<RedisValue> writes)
    {
        public string Key => key;

        public Task[] Replies { get; } = [search, writes];

        /// <summary>
        /// The hits, scored by cosine (Garnet answers the cosine distance, 1 − cos), and the write count; once both
        /// replies have come.
        /// </summary>
        public ShardAnswer Read()
        {
            long writesAfter = (long?)writes.Result ?? 0;
            var reply = search.Result;
            if (reply.IsNull)
            {
                return new ShardAnswer([], writesAfter);
            }

            var items = (RedisResult[])reply!;
            var hits = new List<VectorHit>(items.Length / 2);
            for (int i = 0; i + 1 < items.Length; i += 2)
            {
                string element = items[i].ToString();
                if (!GarnetKeys.TryParseElement(element, out long row))
                {
                    throw new InvalidDataException($"The Garnet vector set {key} holds an element \"{element}\" that is not a row number: the key is not itm's.");
                }

                double distance = double.Parse(items[i + 1].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                hits.Add(new VectorHit(row, (float)(1 - distance)));
            }

            return new ShardAnswer(hits, writesAfter);
        }
    }

    private static string Reason(Exception? cause) => cause switch
    {
        null => "no reply in time",
        RedisTimeoutException => "no reply in time",
        RedisConnectionException => "the connection failed",
        TimeoutException => "no reply in time",
        _ => cause.Message.Split('\n')[0],
    };

    private static string Format(EndPoint? endpoint) => endpoint switch
    {
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        null => "an unknown node",
        _ => endpoint.ToString() ?? "an unknown node",
    };
}
