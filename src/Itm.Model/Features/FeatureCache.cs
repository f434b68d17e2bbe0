using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Itm.Data.Images;
using Itm.Data.IO;

namespace Itm.Model.Features;

/// <summary>
/// Feature vectors on disk, keyed by (SHA-256 of the image file's bytes, extractor fingerprint): a renamed or copied
/// file hits, an edited file misses, and a new model or preprocessing never sees old vectors. One small file per
/// vector, <c>&lt;root&gt;/&lt;fingerprint&gt;/&lt;first two hex digits&gt;/&lt;hash&gt;.f32</c>, renamed into place and
/// checksummed, so a killed run can leave at worst an orphaned temporary file, never an entry that reads back wrong
/// (entries are not flushed to disk: after a power cut a torn one fails its checksum and is recomputed).
/// Safe for concurrent readers and writers (several processes included): the last complete write wins.
/// </summary>
public sealed class FeatureCache
{
    // Layout: "ITMF" | int32 dimension | first 8 bytes of SHA-256(payload) | dimension × float32, all little-endian.
    private const int HeaderLength = 16;
    private static readonly uint Magic = BinaryPrimitives.ReadUInt32LittleEndian("ITMF"u8);

    /// <param name="root">Cache root; null for <see cref="CacheDirectory.Resolve"/>'s default. Vectors go under its "features" folder.</param>
    public FeatureCache(string? root = null) => Root = Path.Combine(CacheDirectory.Resolve(root), "features");

    /// <summary>The folder holding one sub-folder per extractor fingerprint.</summary>
    public string Root { get; }

    /// <summary>
    /// Lowercase hex SHA-256 of a file's bytes: the content half of the cache key. For an SVG file (.svg, .svgz) it
    /// is the SHA-256 of that hash and <see cref="ImageLoader.SvgRenderVersion"/>, so a drawing that renders
    /// differently after a change to the SVG renderer alone (such as its text now being drawn) misses the vector
    /// cached before it.
    /// </summary>
    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return IsSvg(path)
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{hash}\n{ImageLoader.SvgRenderVersion}")))
            : hash;
    }

    private static bool IsSvg(string path) =>
        path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".svgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the vector for this key is (or would be) stored.</summary>
    public string PathOf(string contentHash, string fingerprint)
    {
        CheckKey(contentHash, fingerprint);
        return Path.Combine(Root, fingerprint, contentHash[..2], contentHash + ".f32");
    }

    /// <summary>
    /// The stored vector, or null when absent. An entry of the wrong length, dimension or checksum is treated as
    /// absent and removed, so it is recomputed rather than trusted.
    /// </summary>
    public float[]? TryGet(string contentHash, string fingerprint, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var path = PathOf(contentHash, fingerprint);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (Decode(bytes, dimension) is { } vector)
        {
            return vector;
        }

        TryDelete(path);
        return null;
    }

    /// <summary>Stores a vector, replacing any previous one for the key.</summary>
    public void Put(string contentHash, string fingerprint, ReadOnlySpan<float> vector)
    {
        if (vector.IsEmpty)
        {
            throw new ArgumentException("An empty vector cannot be cached.", nameof(vector));
        }

        var bytes = Encode(vector);

        // Renamed into place but not flushed to disk: an fsync per vector cost more than the network did per image,
        // and the checksum already makes an entry torn by a crash read back as absent, so it is recomputed.
        AtomicFile.WriteVia(PathOf(contentHash, fingerprint), temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
            stream.Write(bytes);
        });
    }

    internal static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var payload = MemoryMarshal.AsBytes(vector);
        var bytes = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), vector.Length);
        SHA256.HashData(payload)[..8].CopyTo(bytes.AsSpan(8));
        payload.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    private static float[]? Decode(ReadOnlySpan<byte> bytes, int dimension)
    {
        if (bytes.Length != HeaderLength + (4 * dimension)
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic
            || BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]) != dimension)
        {
            return null;
        }

        var payload = bytes[HeaderLength..];
        if (!SHA256.HashData(payload).AsSpan(0, 8).SequenceEqual(bytes[8..HeaderLength]))
        {
            return null;
        }

        return MemoryMarshal.Cast<byte, float>(payload).ToArray();
    }

    private static void CheckKey(string contentHash, string fingerprint)
    {
        if (contentHash is not { Length: 64 } || !contentHash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{contentHash}' is not a lowercase hex SHA-256 (see HashFile).", nameof(contentHash));
        }

        // The fingerprint becomes a folder name: keep it to characters that are safe on every file system.
        if (string.IsNullOrEmpty(fingerprint) || fingerprint.Length > 100
            || !fingerprint.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || fingerprint.StartsWith('.'))
        {
            throw new ArgumentException($"Fingerprint '{fingerprint}' must be 1–100 letters, digits, '-', '_' or '.', not starting with '.'.", nameof(fingerprint));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process may be replacing it right now; either way it is not read back.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only cache: the bad entry stays, and is ignored again next time.
        }
    }
}
