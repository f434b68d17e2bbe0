using System.Buffers.Binary;

namespace Itm.Index.Vectors;

/// <summary>
/// The 64-byte header of a vector file, all little-endian:
/// <c>"ITMV"</c> | uint32 format version | uint32 dimension | uint32 reserved (0) | int64 row count | 40 bytes reserved (0).
/// Rows follow it: <c>count × dimension</c> float32. 64 bytes keeps every row start aligned for SIMD loads when the
/// dimension is a multiple of 16. The count is what the file holds; the catalog's committed count is the one trusted.
/// </summary>
public readonly record struct VectorFileHeader(int Dimension, long Rows)
{
    public const int Length = 64;
    public const int CurrentVersion = 1;
    private const int RowsOffset = 16;
    private static readonly uint Magic = BinaryPrimitives.ReadUInt32LittleEndian("ITMV"u8);

    public long RowBytes => (long)Dimension * sizeof(float);

    /// <summary>Where row <paramref name="row"/> starts in the file.</summary>
    public long OffsetOf(long row) => Length + (row * RowBytes);

    public void Write(Span<byte> destination)
    {
        destination[..Length].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)Dimension);
        BinaryPrimitives.WriteInt64LittleEndian(destination[RowsOffset..], Rows);
    }

    /// <summary>Only the row count, which changes on every append.</summary>
    public static void WriteRows(Stream stream, long rows)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, rows);
        stream.Position = RowsOffset;
        stream.Write(bytes);
    }

    /// <summary>Parses a header; throws <see cref="InvalidDataException"/> naming <paramref name="path"/> when it is not one.</summary>
    public static VectorFileHeader Read(ReadOnlySpan<byte> source, string path)
    {
        if (source.Length < Length || BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic)
        {
            throw new InvalidDataException($"{path} is not an itm vector file (no ITMV header).");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        if (version != CurrentVersion)
        {
            throw new InvalidDataException($"{path} has vector file version {version}; this itm reads version {CurrentVersion}.");
        }

        int dimension = (int)BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        long rows = BinaryPrimitives.ReadInt64LittleEndian(source[RowsOffset..]);
        if (dimension < 1 || rows < 0)
        {
            throw new InvalidDataException($"{path} has a damaged header (dimension {dimension}, rows {rows}).");
        }

        return new VectorFileHeader(dimension, rows);
    }

    public static VectorFileHeader Read(Stream stream, string path)
    {
        Span<byte> bytes = stackalloc byte[Length];
        stream.Position = 0;
        int read = stream.ReadAtLeast(bytes, Length, throwOnEndOfStream: false);
        return Read(bytes[..read], path);
    }
}
