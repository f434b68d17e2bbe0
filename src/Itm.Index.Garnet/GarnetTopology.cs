namespace Itm.Index.Garnet;

/// <summary>What a list of Garnet endpoints is: one or more standalone servers, or the nodes of a cluster.</summary>
/// <param name="IsCluster">True when the reachable nodes run in cluster mode.</param>
/// <param name="Nodes">One entry per endpoint asked about, in the order given.</param>
public sealed record GarnetTopology(bool IsCluster, IReadOnlyList<GarnetNode> Nodes)
{
    /// <summary>Hash slots a cluster has (0–16383).</summary>
    public const int SlotCount = 16384;

    /// <summary>Slots owned by the nodes asked about, as each node reports for itself.</summary>
    public int AssignedSlots => Nodes.Sum(node => node.Slots.Sum(range => range.Count));
}

/// <summary>One endpoint's answer.</summary>
/// <param name="Endpoint">The endpoint as given (<c>host:port</c>).</param>
/// <param name="Reachable">Whether it answered.</param>
/// <param name="NodeId">The cluster node id; null for a standalone server or an unreachable node.</param>
/// <param name="Slots">The slot ranges this node owns (empty when standalone or unreachable).</param>
/// <param name="KnownNodes">Cluster nodes this node knows, itself included (0 when standalone or unreachable).</param>
/// <param name="ClusterState">The node's <c>cluster_state</c> ("ok" or "fail"); null when standalone or unreachable.</param>
/// <param name="Keys">Keys the node holds (DBSIZE); 0 when unreachable.</param>
/// <param name="Error">Why it could not be asked, when unreachable.</param>
public sealed record GarnetNode(
    string Endpoint, bool Reachable, string? NodeId, IReadOnlyList<SlotRange> Slots, int KnownNodes, string? ClusterState, long Keys, string? Error);

/// <summary>A run of hash slots, both ends included.</summary>
public readonly record struct SlotRange(int First, int Last)
{
    public int Count => Last - First + 1;

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}
