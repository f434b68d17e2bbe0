using System.Net;

namespace Itm.Index.Garnet;

/// <summary>How <see cref="LocalGarnet"/> runs Garnet nodes inside this process.</summary>
public sealed record LocalGarnetOptions
{
    /// <summary>The most nodes one process runs; each node holds its own store and threads.</summary>
    public const int MaxNodes = 16;

    /// <summary>How many nodes to run.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Node i listens on <c>Port + i</c>; 0 picks free ports.</summary>
    public int Port { get; init; } = 6379;

    /// <summary>
    /// Null keeps the data in memory only (gone when a node stops). Otherwise each node keeps an append-only file and
    /// checkpoints in <c>node-&lt;port&gt;/</c> under this folder and recovers them on start, so the same ports find the same data.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Run the nodes in cluster mode and form one cluster of them; null means "when there is more than one node".</summary>
    public bool? Cluster { get; init; }

    /// <summary>The address the nodes listen on; loopback keeps them private to this machine.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Whether the nodes run in cluster mode.</summary>
    public bool IsCluster => Cluster ?? Nodes > 1;

    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Nodes is < 1 or > MaxNodes)
        {
            throw new ArgumentException($"Nodes must be 1 to {MaxNodes}, not {Nodes}.", nameof(Nodes));
        }

        if (Port != 0 && (Port < 1 || Port + Nodes - 1 > 65535))
        {
            throw new ArgumentException($"Port must be 0 (free ports) or 1 to {65536 - Nodes} for {Nodes} node(s) on consecutive ports, not {Port}.", nameof(Port));
        }

        if (!IPAddress.TryParse(BindAddress, out _))
        {
            throw new ArgumentException($"BindAddress must be an IP address (e.g. 127.0.0.1), not '{BindAddress}'.", nameof(BindAddress));
        }

        if (DataDirectory is { Length: 0 })
        {
            throw new ArgumentException("DataDirectory must be a folder path, or null to keep data in memory only.", nameof(DataDirectory));
        }
    }
}
