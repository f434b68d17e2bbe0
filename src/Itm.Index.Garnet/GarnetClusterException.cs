namespace Itm.Index.Garnet;

/// <summary>A Garnet node is not in the state an operation needs (unreachable, not in cluster mode, half-assigned slots, slow to agree).</summary>
public sealed class GarnetClusterException : InvalidOperationException
{
    public GarnetClusterException(string endpoint, string message, Exception? inner = null)
        : base(message, inner)
    {
        Endpoint = endpoint;
    }

    /// <summary>The endpoint the message is about (the first one, when several are).</summary>
    public string Endpoint { get; }
}
