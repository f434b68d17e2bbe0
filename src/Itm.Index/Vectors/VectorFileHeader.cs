using System.Buffers.Binary;

namespace Itm.Index.Vectors;

/// <summary>
/// The 64-byte header of a vector file, all little-endian:
/// <c>"ITMV"</c> | uint32 format version | uint32 dimension | uint32 precision | int64 row count | 40 bytes reserved (0).
/// Rows follow it: <c>count × dimension</c> values of the file's <see cref="VectorPrecision"/>. 64 bytes keeps every row
/// start aligned for SIMD loads when the dimension is a multiple of 16. The count is what the file holds; the catalog's
/// committed count is the one trusted. Version 1 files are float32 (the precision field was reserved, 0); a float16
/// file is written as version 2, so an itm from before float16 files refuses it rather than misreading it.
/// </summary>
public readonly record struct VectorFileHeader(int Dimension, long Rows, VectorPrecision Precision = VectorPrecision.Float32)
{
    public const int Length = 64;
    public const int CurrentVersion = 2;
    private const int Float32Version = 1;
    private const int PrecisionOffset = 12;
    private const int RowsOffset = 16;
    private static readonly uint Magic = BinaryPrimitives.ReadUInt32LittleEndian("ITMV"u8);

    public long RowBytes => (long)Dimension * Precision.ValueBytes();

    /// <summary>Where row <paramref name="row"/> starts in the file.</summary>
    public long OffsetOf(long row) => Length + (row * RowBytes);

    public void Write(Span<byte> destination)
    {
        destination[..Length].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Precision == VectorPrecision.Float32 ? (uint)Float32Version : CurrentVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)Dimension);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[PrecisionOffset..], (uint)Precision);
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
        if (version is < Float32Version or > CurrentVersion)
        {
            throw new InvalidDataException($"{path} has vector file version {version}; this itm reads versions {Float32Version}–{CurrentVersion}.");
        }

        int dimension = (int)BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        uint precision = version == Float32Version ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(source[PrecisionOffset..]);
        long rows = BinaryPrimitives.ReadInt64LittleEndian(source[RowsOffset..]);
        if (dimension < 1 || rows < 0 || !Enum.IsDefined((VectorPrecision)precision))
        {
            throw new InvalidDataException($"{path} has a damaged header (dimension {dimension}, rows {rows}, precision {precision}).");
        }

        return new VectorFileHeader(dimension, rows, (VectorPrecision)precision);
    }

    public static VectorFileHeader Read(Stream stream, string path)
    {
        Span<byte> bytes = stackalloc byte[Length];
        stream.Position = 0;
        int read = stream.ReadAtLeast(bytes, Length, throwOnEndOfStream: false);
        return Read(bytes[..read], path);
    }
}
