using System.Runtime.Intrinsics;

namespace Itm.Index.Nearest;

/// <summary>
/// A vector's signs packed one bit a value, the copy a <see cref="HnswPrecision.Binary"/> graph walks on. The layout is
/// USearch's b1x8 (value i in byte i / 8 under mask 0x80 &gt;&gt; (i % 8), set when the value is &gt; 0), so bits packed here
/// and floats USearch casts itself land the same.
/// </summary>
internal static class SignBits
{
    // Bit j of a byte moved to bit 7 − j: the vector compare yields value 0 in the lowest bit, USearch wants it highest.
    private static readonly byte[] Reversed = Enumerable.Range(0, 256).Select(b => ReverseBits((byte)b)).ToArray();

    /// <summary>Bytes that hold <paramref name="dimension"/> bits.</summary>
    public static int BytesFor(int dimension) => (dimension + 7) / 8;

    /// <summary>Packs the signs of <paramref name="values"/> into <paramref name="bits"/> (at least <see cref="BytesFor"/> bytes).</summary>
    public static void Pack(ReadOnlySpan<float> values, Span<byte> bits)
    {
        int bytes = BytesFor(values.Length);
        if (bits.Length < bytes)
        {
            throw new ArgumentException($"{values.Length} values need {bytes} bytes; {bits.Length} given.", nameof(bits));
        }

        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= values.Length; i += 8)
            {
                var positive = Vector256.GreaterThan(Vector256.Create(values.Slice(i, 8)), Vector256<float>.Zero);
                bits[i / 8] = Reversed[(int)positive.ExtractMostSignificantBits()];
            }
        }

        for (; i < values.Length; i += 8)
        {
            byte packed = 0;
            for (int j = 0; j < 8 && i + j < values.Length; j++)
            {
                if (values[i + j] > 0)
                {
                    packed |= (byte)(0x80 >> j);
                }
            }

            bits[i / 8] = packed;
        }
    }

    private static byte ReverseBits(byte b)
    {
        byte reversed = 0;
        for (int j = 0; j < 8; j++)
        {
            reversed |= (byte)(((b >> j) & 1) << (7 - j));
        }

        return reversed;
    }
}
