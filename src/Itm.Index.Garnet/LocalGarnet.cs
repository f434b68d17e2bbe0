using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Itm.Index.Garnet;

/// <summary>
/// Garnet nodes running inside this process, for development and tests: vector sets enabled, one cluster when there
/// are several nodes, optional persistence (append-only file + checkpoints, recovered on start). Stop and start single
/// nodes to see what the index does when a node goes away and comes back.
/// </summary>
public sealed class LocalGarnet : IDisposable
{
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(15);

    private readonly LocalGarnetOptions options;
    private readonly int[] ports;
    private readonly GarnetServer?[] servers;
    private readonly string[] endpoints;

    // What each node owned when the cluster formed: a node restarted without data comes back empty, with a new id,
    // and takes these slots over from its old self.
    private readonly SlotRange[][] slotsOf;
    private readonly string?[] nodeIds;
    private readonly string?[] scratch;

    private LocalGarnet(LocalGarnetOptions options, int[] ports)
    {
        this.options = options;
        this.ports = ports;
        servers = new GarnetServer?[ports.Length];
        slotsOf = new SlotRange[ports.Length][];
        nodeIds = new string?[ports.Length];
        scratch = new string?[ports.Length];
        string host = IPAddress.TryParse(options.BindAddress, out var bind) && (bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any))
            ? "127.0.0.1"
            : bind!.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bind}]" : options.BindAddress;
        endpoints = ports.Select(port => $"{host}:{port}").ToArray();
    }

    /// <summary>Where the nodes listen, <c>host:port</c>, node 0 first.</summary>
    public IReadOnlyList<string> Endpoints => endpoints;

    /// <summary>The endpoints comma-separated: a StackExchange.Redis configuration and the <c>--garnet</c> value of <c>itm</c>.</summary>
    public string ConnectionString => string.Join(',', endpoints);

    /// <summary>The options the nodes run with.</summary>
    public LocalGarnetOptions Options => options;

    /// <summary>Starts the nodes (recovering their data when there is a data folder) and forms the cluster when clustered.</summary>
    public static LocalGarnet Start(LocalGarnetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int[] ports = options.Port == 0 ? FreePorts(options.Nodes) : Enumerable.Range(options.Port, options.Nodes).ToArray();
        var local = new LocalGarnet(options, ports);
        try
        {
            for (int i = 0; i < ports.Length; i++)
            {
                local.servers[i] = local.Launch(i);
            }

            if (options.IsCluster)
            {
                GarnetCluster.Form(local.endpoints, FormTimeout);
                local.Remember();
            }

            return local;
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <summary>Whether node <paramref name="node"/> is running.</summary>
    public bool IsRunning(int node) => servers[CheckNode(node)] is not null;

    /// <summary>Stops a node the way a crashed process stops: no checkpoint; what it had in memory only is gone.</summary>
    public void StopNode(int node)
    {
        var server = servers[CheckNode(node)] ?? throw new InvalidOperationException($"Garnet node {node} ({endpoints[node]}) is not running.");
        servers[node] = null;
        server.Dispose();
    }

    /// <summary>
    /// Starts a stopped node on its port and data folder (recovering the data), and brings it back into the cluster when
    /// clustered: with a data folder it recovers its own cluster membership; without one it takes over its old slots.
    /// </summary>
    public void StartNode(int node)
    {
        if (servers[CheckNode(node)] is not null)
        {
            throw new InvalidOperationException($"Garnet node {node} ({endpoints[node]}) is already running.");
        }

        servers[node] = Launch(node);
        if (options.IsCluster)
        {
            Rejoin(node);
        }
    }

    /// <summary>SAVE on every running node: a checkpoint, after which recovery replays only the newer part of the append-only file.</summary>
    public void Checkpoint()
    {
        if (options.DataDirectory is null)
        {
            throw new InvalidOperationException("These Garnet nodes keep data in memory only (no DataDirectory): there is nothing to checkpoint to.");
        }

        using var mux = GarnetCluster.Connect(RunningEndpoints(), FormTimeout);
        foreach (string endpoint in RunningEndpoints())
        {
            Save(GarnetCluster.Server(mux, endpoint));
        }
    }

    /// <summary>SAVE, waiting out a checkpoint in the background (an index run asks for one), which may predate the last writes.</summary>
    private static void Save(IServer server)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                server.Execute("SAVE");
                return;
            }
            catch (RedisServerException e) when (GarnetStore.IsCheckpointInProgress(e) && clock.Elapsed < FormTimeout)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose()
    {
        for (int i = 0; i < servers.Length; i++)
        {
            servers[i]?.Dispose();
            servers[i] = null;
            DeleteScratch(i);
        }
    }

    /// <summary>The folder node <paramref name="node"/> keeps its append-only file and checkpoints in; null when memory only.</summary>
    public string? NodeDirectory(int node) =>
        options.DataDirectory is null ? null : Path.Combine(Path.GetFullPath(options.DataDirectory), $"node-{ports[CheckNode(node)]}");

    private GarnetServer Launch(int node)
    {
        var args = new List<string>
        {
            "--port", ports[node].ToString(CultureInfo.InvariantCulture),
            "--bind", options.BindAddress,
            "--enable-vector-set-preview",
            // The default device needs libaio for AOF writes (it crashes without it); RandomAccess is plain file IO.
            "--device-type", "RandomAccess",
            // Quiet: no banner on the console this process shares.
            "-q",
        };
        if (options.IsCluster)
        {
            args.Add("--cluster");
        }

        if (NodeDirectory(node) is string dir)
        {
            Directory.CreateDirectory(dir);
            // No --logdir: Garnet 2.2.8 refuses it without tiered storage; the AOF goes beside the checkpoints.
            args.AddRange(["--aof", "--checkpointdir", dir, "--recover"]);
        }
        else if (options.IsCluster)
        {
            // A cluster node keeps its identity and slots in <checkpointdir>/cluster/nodes.conf, by default under the
            // working directory: nodes sharing it would share one node id. Memory-only nodes get a scratch folder of their
            // own, new on each start, so a restarted node comes back empty as a crashed memory-only server would.
            DeleteScratch(node);
            scratch[node] = Directory.CreateTempSubdirectory("itm-garnet-").FullName;
            args.AddRange(["--checkpointdir", scratch[node]!]);
        }

        // Garnet's command-line constructor adds a console trace listener to the whole process; take it away again.
        var listeners = Trace.Listeners.Cast<TraceListener>().ToHashSet();
        var server = new GarnetServer([.. args], NullLoggerFactory.Instance);
        foreach (var added in Trace.Listeners.Cast<TraceListener>().Where(listener => !listeners.Contains(listener)).ToList())
        {
            Trace.Listeners.Remove(added);
        }

        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>Records each running node's id and slots once the cluster has formed.</summary>
    private void Remember()
    {
        var topology = GarnetCluster.Describe(endpoints);
        for (int i = 0; i < endpoints.Length; i++)
        {
            // A stopped node keeps what it had: that is what it takes back when it starts again.
            if (topology.Nodes[i].Reachable)
            {
                nodeIds[i] = topology.Nodes[i].NodeId;
                slotsOf[i] = [.. topology.Nodes[i].Slots];
            }
        }
    }

    private void Rejoin(int node)
    {
        var running = RunningEndpoints();
        using (var mux = GarnetCluster.Connect(running, FormTimeout))
        {
            var self = GarnetCluster.Ask(mux, endpoints[node]);
            if (self.Slots.Count == 0 && slotsOf[node] is { Length: > 0 } slots)
            {
                // A memory-only node comes back as a stranger: the others forget its old id (and with it their record of
                // who owns its slots), and the new node claims those slots.
                foreach (string other in running.Where(other => other != endpoints[node]))
                {
                    GarnetCluster.Server(mux, other).Execute("CLUSTER", "FORGET", nodeIds[node]!);
                }

                var server = GarnetCluster.Server(mux, endpoints[node]);
                foreach (var range in slots)
                {
                    server.Execute("CLUSTER", "ADDSLOTSRANGE", range.First, range.Last);
                }
            }
        }

        GarnetCluster.Form(running, FormTimeout);
        Remember();
    }

    private void DeleteScratch(int node)
    {
        if (scratch[node] is string dir && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        scratch[node] = null;
    }

    private List<string> RunningEndpoints() => endpoints.Where((_, i) => servers[i] is not null).ToList();

    private int CheckNode(int node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(node, servers.Length);
        return node;
    }

    /// <summary>Ports the OS has free now: each listener is held until all are picked, so the ports differ.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
