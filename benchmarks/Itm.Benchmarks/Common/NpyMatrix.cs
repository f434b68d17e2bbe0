using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Itm.Benchmarks.Common;

/// <summary>
/// Reads a 2-D little-endian float32, C-order <c>.npy</c> file (what numpy.save and itm export write), the exchange
/// format between the benchmarks and their Python peers.
/// </summary>
public static partial class NpyMatrix
{
    /// <summary>The matrix at <paramref name="path"/>, row-major, with its shape.</summary>
    public static (float[] Values, long Rows, int Columns) Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        byte[] magic = reader.ReadBytes(6);
        if (magic.Length != 6 || magic[0] != 0x93 || Encoding.ASCII.GetString(magic, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{path} is not a .npy file (no \\x93NUMPY magic).");
        }

        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major == 1 ? reader.ReadUInt16() : checked((int)reader.ReadUInt32());
        string header = Encoding.ASCII.GetString(reader.ReadBytes(headerLength));
        if (!header.Contains("'<f4'", StringComparison.Ordinal) || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: only little-endian float32 in C order is read; the header says {header.Trim()}.");
        }

        var shape = ShapePattern().Match(header);
        if (!shape.Success)
        {
            throw new InvalidDataException($"{path}: the header names no 2-D shape: {header.Trim()}.");
        }

        long rows = long.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture);
        int columns = int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture);
        var values = new float[checked(rows * columns)];
        stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return (values, rows, columns);
    }

    [GeneratedRegex(@"'shape':\s*\((\d+),\s*(\d+)\)")]
    private static partial Regex ShapePattern();
}
