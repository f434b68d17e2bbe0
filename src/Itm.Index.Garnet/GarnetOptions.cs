namespace Itm.Index.Garnet;

/// <summary>How an index reaches and uses a Garnet cluster's vector sets (<c>--backend garnet</c>).</summary>
public sealed record GarnetOptions
{
    /// <summary>
    /// Nodes to connect to, "host:port"; any node of a cluster leads to the rest. Empty: the nodes the index folder
    /// recorded when it was bound to Garnet.
    /// </summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>
    /// Vector-set keys per collection, spread over the cluster's hash slots (one vector set lives on one node, so a
    /// collection needs at least one key per node to use them all). 0: one per node serving slots. A change re-pushes the
    /// vectors into new keys.
    /// </summary>
    public int Shards { get; init; }

    /// <summary>
    /// DiskANN's search list size (VSIM EF); raised to k when a query asks for more. On 50,000 clustered 256-d vectors
    /// (benchmarks/garnet) 100 gave recall@10 0.950 and 200 gave 0.973 for 0.8 ms more per query.
    /// </summary>
    public int SearchExpansion { get; init; } = 200;

    /// <summary>DiskANN's build list size (VADD EF).</summary>
    public int BuildExpansion { get; init; } = 200;

    /// <summary>DiskANN's out-degree (VADD M).</summary>
    public int Links { get; init; } = 16;

    /// <summary>Commands in flight while pushing vectors: enough to keep every node busy without queueing minutes of work.</summary>
    public int InsertWindow { get; init; } = 1024;

    /// <summary>
    /// How long a query waits for every shard. A shard that does not answer fails the query with an error that names it:
    /// a top-k without one shard's vectors would look like an answer but be a wrong one.
    /// </summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Write commands (pushes, removals, deletes) are given this long each; inserts into a large graph take time.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// While a push goes on for longer than this, the nodes that keep an append-only file are asked for a checkpoint
    /// this often, as well as after the run: a node killed in the middle of a long push (a compaction sends the whole
    /// copy) otherwise replays every vector the push had sent it when it restarts (7.5 s in a chaos run,
    /// docs/reliability.md). Zero: only after the run.
    /// </summary>
    public TimeSpan CheckpointDuringPush { get; init; } = TimeSpan.FromSeconds(3);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Shards, nameof(Shards));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Shards, GarnetKeys.MaxShards, nameof(Shards));
        ArgumentOutOfRangeException.ThrowIfLessThan(SearchExpansion, 1, nameof(SearchExpansion));
        ArgumentOutOfRangeException.ThrowIfLessThan(BuildExpansion, 1, nameof(BuildExpansion));
        ArgumentOutOfRangeException.ThrowIfLessThan(Links, 4, nameof(Links));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Links, 4096, nameof(Links));
        ArgumentOutOfRangeException.ThrowIfLessThan(InsertWindow, 1, nameof(InsertWindow));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(QueryTimeout, TimeSpan.Zero, nameof(QueryTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WriteTimeout, TimeSpan.Zero, nameof(WriteTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointDuringPush, TimeSpan.Zero, nameof(CheckpointDuringPush));
    }
}
