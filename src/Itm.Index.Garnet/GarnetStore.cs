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

    public IReadOnlyList<string> Endpoints { get; }

    public GarnetOptions Options { get; }

    /// <summary>Nodes that serve keys: the cluster's primaries, or 1 for a single node.</summary>
    public int NodeCount => Math.Max(1, connection.GetServers().Count(server => server.IsConnected && !server.IsReplica));

    public static GarnetStore Connect(IReadOnlyList<string> endpoints, GarnetOptions options)
    {
        options.Validate();
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("No Garnet node given: pass --garnet HOST:PORT[,HOST:PORT...].", nameof(endpoints));
        }

        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds,
            SyncTimeout = (int)options.WriteTimeout.TotalMilliseconds,
            AsyncTimeout = (int)options.WriteTimeout.TotalMilliseconds,
            ConnectRetry = 1,
            ClientName = "itm",
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
            var server = connection.GetServer((RedisKey)key);
            return server.IsConnected ? nodes.GetOrAdd(key, Format(server.EndPoint)) : "an unreachable node";
        }
        catch (Exception e) when (e is RedisException or ArgumentException or InvalidOperationException)
        {
            return "an unknown node";
        }
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

    public void Delete(string key) => Guard(key, () => database.KeyDelete(key));

    /// <summary>The <paramref name="k"/> nearest rows of one key, scored by cosine (Garnet answers the cosine distance, 1 − cos).</summary>
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(string key, byte[] query, int k, int expansion)
    {
        var reply = await database.ExecuteAsync("VSIM", key, "FP32", query, "WITHSCORES", "COUNT", k, "EF", Math.Max(expansion, k)).ConfigureAwait(false);
        if (reply.IsNull)
        {
            return [];
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

        return hits;
    }

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

    private static string Reason(Exception? cause) => cause switch
    {
        null => "no reply in time",
        RedisTimeoutException => "no reply in time",
        RedisConnectionException => "the connection failed",
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
