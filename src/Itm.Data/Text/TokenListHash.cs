using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Itm.Data.Text;

/// <summary>
/// SHA-256 of an ordered list of strings, as lower-case hex. Each string is hashed as its UTF-8 length (4 bytes,
/// little-endian) then its bytes, so ["ab", "c"] and ["a", "bc"] differ and no separator character is reserved.
/// </summary>
internal static class TokenListHash
{
    public static string Compute(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (string part in parts)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
