using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Itm.Index.Vectors;

/// <summary>Float32 values to and from a vector file's bytes, at the file's <see cref="VectorPrecision"/>.</summary>
public static class VectorCodec
{
    /// <summary>
    /// The bytes <paramref name="values"/> take in a file of <paramref name="precision"/>: a view of them for float32,
    /// a new array otherwise.
    /// </summary>
    public static ReadOnlySpan<byte> Encode(ReadOnlySpan<float> values, VectorPrecision precision)
    {
        if (precision == VectorPrecision.Float32)
        {
            return MemoryMarshal.AsBytes(values);
        }

        byte[] bytes = new byte[(long)values.Length * precision.ValueBytes()];
        Encode(values, precision, bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="values"/> into <paramref name="destination"/> (exactly their encoded length).</summary>
    public static void Encode(ReadOnlySpan<float> values, VectorPrecision precision, Span<byte> destination)
    {
        CheckLength(values.Length, precision, destination.Length);
        switch (precision)
        {
            case VectorPrecision.Float32:
                MemoryMarshal.AsBytes(values).CopyTo(destination);
                break;
            case VectorPrecision.Float16:
                TensorPrimitives.ConvertToHalf(values, MemoryMarshal.Cast<byte, Half>(destination));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(precision), precision, null);
        }
    }

    /// <summary>Widens encoded values into <paramref name="destination"/> (exactly as many values as they hold).</summary>
    public static void Decode(ReadOnlySpan<byte> source, VectorPrecision precision, Span<float> destination)
    {
        CheckLength(destination.Length, precision, source.Length);
        switch (precision)
        {
            case VectorPrecision.Float32:
                source.CopyTo(MemoryMarshal.AsBytes(destination));
                break;
            case VectorPrecision.Float16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source), destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(precision), precision, null);
        }
    }

    private static void CheckLength(int values, VectorPrecision precision, int bytes)
    {
        if ((long)values * precision.ValueBytes() != bytes)
        {
            throw new ArgumentException($"{values} values take {(long)values * precision.ValueBytes()} bytes at {precision}, not {bytes}.");
        }
    }
}
