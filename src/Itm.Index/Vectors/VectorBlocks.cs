using System.Security.Cryptography;

namespace Itm.Index.Vectors;

/// <summary>
/// The checksum layout of a vector file's rows: the row data (header excluded) cut into blocks of
/// <see cref="DefaultBlockBytes"/>, the last one partial, each with its SHA-256. Hashing a whole file of a million
/// vectors on every open would cost a second or more; a block is checked on its own in about a millisecond, so opening
/// checks the first and last blocks, an append checks the block it extends and hashes what it wrote, and a full check
/// (<c>itm index --verify</c>) reads everything. SHA-256 because the runtime has it with hardware support and it needs
/// no other package.
/// </summary>
public static class VectorBlocks
{
    /// <summary>1 MiB: a thousand 256-d rows, large enough that a million rows need only a thousand checksums.</summary>
    public const int DefaultBlockBytes = 1 << 20;

    /// <summary>How many blocks cover <paramref name="dataBytes"/> bytes of rows.</summary>
    public static long CountOf(long dataBytes, int blockBytes) => (dataBytes + blockBytes - 1) / blockBytes;

    /// <summary>The checksum of block <paramref name="block"/> of <paramref name="rows"/>, as far as the rows reach.</summary>
    public static byte[] Hash(VectorRows rows, long block, int blockBytes)
    {
        long start = block * blockBytes;
        int length = (int)Math.Min(blockBytes, rows.DataBytes - start);
        return SHA256.HashData(rows.Bytes(start, length));
    }

    /// <summary>The checksums of the blocks from <paramref name="firstBlock"/> to the end of <paramref name="rows"/>.</summary>
    public static IReadOnlyList<(long Block, byte[] Hash)> HashFrom(VectorRows rows, long firstBlock, int blockBytes)
    {
        long count = CountOf(rows.DataBytes, blockBytes);
        var hashes = new List<(long, byte[])>();
        for (long block = firstBlock; block < count; block++)
        {
            hashes.Add((block, Hash(rows, block, blockBytes)));
        }

        return hashes;
    }

    /// <summary>
    /// The blocks among <paramref name="blocks"/> whose bytes don't hash to what <paramref name="recorded"/> says
    /// (or that have no record).
    /// </summary>
    public static IReadOnlyList<VectorBlockDamage> FindDamage(
        VectorRows rows, string path, int blockBytes, IEnumerable<long> blocks, IReadOnlyDictionary<long, byte[]> recorded)
    {
        var damage = new List<VectorBlockDamage>();
        long rowBytes = rows.RowByteCount;
        foreach (long block in blocks)
        {
            bool ok = recorded.TryGetValue(block, out byte[]? expected)
                && CryptographicOperations.FixedTimeEquals(expected, Hash(rows, block, blockBytes));
            if (!ok)
            {
                long firstRow = block * blockBytes / rowBytes;
                long lastRow = Math.Min(rows.Rows, (((block + 1) * blockBytes) + rowBytes - 1) / rowBytes) - 1;
                damage.Add(new VectorBlockDamage(path, block, firstRow, lastRow, expected is null));
            }
        }

        return damage;
    }

    /// <summary>The first and the last block: what opening checks.</summary>
    public static IEnumerable<long> Ends(long dataBytes, int blockBytes)
    {
        long count = CountOf(dataBytes, blockBytes);
        return count == 0 ? [] : count == 1 ? [0] : [0, count - 1];
    }
}
