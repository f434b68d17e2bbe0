using System.Globalization;
using Itm.Index.Catalog;

namespace Itm.Index.Garnet;

/// <summary>
/// Names of the vector-set keys that hold an index's collections, and which key holds which row.
/// <para>
/// A Redis-protocol cluster maps a key to one of 16,384 hash slots (CRC16 of the key, or of the part between the first
/// <c>{</c> and the next <c>}</c>, its hash tag), and each node serves ranges of slots. Shard <c>s</c> of <c>N</c> gets a
/// hash tag chosen so its slot falls in the <c>s</c>-th of <c>N</c> equal slot ranges: a cluster whose nodes own equal
/// ranges (what <c>itm garnet cluster</c> assigns) then gets the shards spread evenly over its nodes.
/// </para>
/// </summary>
public static class GarnetKeys
{
    /// <summary>Bounds the option; the tighter limit is per node (<see cref="MaxVectorSetsPerNode"/>).</summary>
    public const int MaxShards = 64;

    /// <summary>
    /// Garnet 2.2.8 keeps at most about 15 vector sets open on one node; an index has two collections, and a collection
    /// being pushed again briefly has two copies.
    /// </summary>
    public const int MaxVectorSetsPerNode = 14;

    /// <param name="prefix">The index's own prefix, so several indexes can share a cluster.</param>
    /// <param name="epoch">Bumped whenever a collection is pushed whole again, so the new copy never mixes with the old.</param>
    public static string Key(string prefix, VectorCollection collection, long epoch, int shard, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        return string.Create(CultureInfo.InvariantCulture,
            $"{prefix}:{collection.StoredName()}:e{epoch}:{{{TagFor(shard, shards)}}}");
    }

    /// <summary>
    /// The companion key that counts the writes to a vector set (see <see cref="GarnetStore.CountWrite"/>): the same hash
    /// tag, so the same slot and node.
    /// </summary>
    public static string Writes(string key) => key + ":writes";

    /// <summary>
    /// The first tag <c>s{shard}.{n}</c> whose slot lies in the shard's even share of the slots: the share
    /// <see cref="GarnetCluster.EvenShare"/> gives node <paramref name="shard"/> of <paramref name="shards"/>.
    /// </summary>
    public static string TagFor(int shard, int shards)
    {
        var share = GarnetCluster.EvenShare(shard, shards);
        for (int n = 0; ; n++)
        {
            string tag = string.Create(CultureInfo.InvariantCulture, $"s{shard}.{n}");
            int slot = HashSlot(tag);
            if (slot >= share.First && slot <= share.Last)
            {
                return tag;
            }
        }
    }

    /// <summary>The shard that holds a row: rows are dealt out in turn, so every shard gets an equal share.</summary>
    public static int ShardOf(long row, int shards) => (int)(row % shards);

    /// <summary>A row's element name in its vector set: the row number in decimal.</summary>
    public static string Element(long row) => row.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseElement(ReadOnlySpan<char> element, out long row) =>
        long.TryParse(element, NumberStyles.None, CultureInfo.InvariantCulture, out row);

    /// <summary>The cluster hash slot of a key: CRC16 (XMODEM) of its hash tag, or of the whole key without one, mod 16,384.</summary>
    public static int HashSlot(string key)
    {
        int open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            int close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                key = key[(open + 1)..close];
            }
        }

        return Crc16(System.Text.Encoding.UTF8.GetBytes(key)) % GarnetTopology.SlotCount;
    }

    private static int Crc16(ReadOnlySpan<byte> bytes)
    {
        int crc = 0;
        foreach (byte b in bytes)
        {
            crc ^= b << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return crc & 0xFFFF;
    }
}
