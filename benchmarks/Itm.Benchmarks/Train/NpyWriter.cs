using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Itm.Benchmarks.Train;

/// <summary>Writes a 2-D little-endian float32 C-order <c>.npy</c> file, the form <see cref="Common.NpyMatrix"/> and numpy.load read.</summary>
public static class NpyWriter
{
    public static void Write(string path, ReadOnlySpan<float> values, long rows, int columns)
    {
        if (values.Length != rows * columns)
        {
            throw new ArgumentException($"{values.Length} values do not fill {rows} x {columns}.", nameof(values));
        }

        string dictionary = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        // The header (magic, version, length, dictionary, newline) is padded with spaces to a multiple of 64 bytes.
        int unpadded = 10 + dictionary.Length + 1;
        string header = dictionary + new string(' ', ((unpadded + 63) / 64 * 64) - unpadded) + "\n";
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write((byte)0x93);
        writer.Write(Encoding.ASCII.GetBytes("NUMPY"));
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write(checked((ushort)header.Length));
        writer.Write(Encoding.ASCII.GetBytes(header));
        writer.Write(MemoryMarshal.AsBytes(values));
    }
}
