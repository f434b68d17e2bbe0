using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Itm.Index.Export;

/// <summary>
/// Writes NumPy's <c>.npy</c> format (version 1.0) for a row-major float32 matrix, so numpy.load, FAISS/autofaiss and
/// clip-retrieval read itm's vectors as they read their own. The header is an ASCII Python dict padded with spaces to a
/// multiple of 64 bytes and ended by a newline, as the format asks; the data follows as little-endian float32.
/// </summary>
public static class NpyWriter
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>Writes the header of a <paramref name="rows"/> × <paramref name="columns"/> float32 matrix; the caller then writes the rows.</summary>
    public static void WriteHeader(Stream stream, long rows, int columns)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The .npy writer writes '<f4' data and needs a little-endian machine.");
        }

        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        int unpadded = Magic.Length + 2 + dict.Length + 1;
        int padding = (64 - (unpadded % 64)) % 64;
        string header = dict + new string(' ', padding) + "\n";
        stream.Write(Magic);
        Span<byte> length = stackalloc byte[2];
        BitConverter.TryWriteBytes(length, checked((ushort)header.Length));
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    /// <summary>Writes one row of the matrix.</summary>
    public static void WriteRow(Stream stream, ReadOnlySpan<float> row) => stream.Write(MemoryMarshal.AsBytes(row));
}
