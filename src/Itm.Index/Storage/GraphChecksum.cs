using System.Security.Cryptography;

namespace Itm.Index.Storage;

/// <summary>
/// The checksum of a saved HNSW graph file. The graph is memory-mapped on open, so hashing it then would read all of
/// it; opening checks only its length and the full check (<c>itm index --verify</c>) its hash.
/// </summary>
internal static class GraphChecksum
{
    public static (string Sha256, long Bytes) Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 20);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }
}
