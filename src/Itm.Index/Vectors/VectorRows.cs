using System.IO.MemoryMappedFiles;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Itm.Index.Vectors;

/// <summary>
/// Read-only rows of a vector file, memory-mapped so a search touches the pages it needs and the OS shares them
/// between processes; or float32 rows held in an array (vectors just computed, tests). Only the first <see cref="Rows"/>
/// rows are visible: whatever a writer appends later is not. Rows are read as float32 whatever the file stores
/// (<see cref="VectorPrecision"/>): a float32 row is a view of the file, a narrower one is widened into a buffer.
/// </summary>
public sealed unsafe class VectorRows : IDisposable
{
    private readonly MemoryMappedFile? map;
    private readonly MemoryMappedViewAccessor? view;
    private readonly byte* mapped;
    private readonly float[]? array;
    private readonly long rowBytes;
    private bool disposed;

    private VectorRows(int dimension, long rows, VectorPrecision precision, MemoryMappedFile? map, MemoryMappedViewAccessor? view, byte* mapped, float[]? array)
    {
        Dimension = dimension;
        Rows = rows;
        Precision = precision;
        rowBytes = (long)dimension * precision.ValueBytes();
        this.map = map;
        this.view = view;
        this.mapped = mapped;
        this.array = array;
    }

    public int Dimension { get; }

    public long Rows { get; }

    /// <summary>How the rows are stored: float32 rows can be read in place (<see cref="Float32Rows"/>).</summary>
    public VectorPrecision Precision { get; }

    /// <summary>Bytes one stored row takes.</summary>
    public long RowByteCount => rowBytes;

    /// <summary>Maps the first <paramref name="rows"/> rows of the file at <paramref name="path"/>.</summary>
    public static VectorRows Map(string path, long rows)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = VectorFileHeader.Read(stream, path);
        long length = header.OffsetOf(rows);
        if (stream.Length < length)
        {
            throw new InvalidDataException($"{path} has fewer than the {rows} rows the catalog committed: the file was damaged or replaced.");
        }

        if (rows == 0)
        {
            return new VectorRows(header.Dimension, 0, header.Precision, null, null, null, header.Precision == VectorPrecision.Float32 ? [] : null);
        }

        var map = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += view.PointerOffset;
        return new VectorRows(header.Dimension, rows, header.Precision, map, view, start + VectorFileHeader.Length, null);
    }

    /// <summary>
    /// A collection's committed rows: <see cref="Map"/>, or no rows when none are committed and the file was never
    /// written (a new index, a collection nothing was added to).
    /// </summary>
    public static VectorRows MapCommitted(string path, long rows, int dimension) =>
        rows == 0 && !File.Exists(path) ? FromArray([], dimension) : Map(path, rows);

    /// <summary>Float32 rows held in memory, row-major.</summary>
    public static VectorRows FromArray(float[] rows, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length % dimension != 0)
        {
            throw new ArgumentException($"{rows.Length} floats are not whole rows of {dimension}.", nameof(rows));
        }

        return new VectorRows(dimension, rows.Length / dimension, VectorPrecision.Float32, null, null, null, rows);
    }

    /// <summary>Bytes of row data (the header excluded): what the block checksums cover.</summary>
    public long DataBytes => Rows * rowBytes;

    /// <summary>
    /// <paramref name="length"/> bytes of row data from <paramref name="offset"/> (counted from the first row), a view valid
    /// while this is open.
    /// </summary>
    public ReadOnlySpan<byte> Bytes(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, DataBytes, nameof(length));
        return array is not null
            ? MemoryMarshal.AsBytes(array.AsSpan()).Slice(checked((int)offset), length)
            : new ReadOnlySpan<byte>(mapped + offset, length);
    }

    /// <summary>Row <paramref name="row"/> as stored, <see cref="Dimension"/> values of <see cref="Precision"/>.</summary>
    public ReadOnlySpan<byte> RowBytes(long row)
    {
        CheckRow(row);
        return Bytes(row * rowBytes, (int)rowBytes);
    }

    /// <summary>
    /// Row <paramref name="row"/> as float32: a view of the rows when they are float32 (<paramref name="buffer"/> unused),
    /// otherwise widened into <paramref name="buffer"/> (at least <see cref="Dimension"/> long), valid until it is reused.
    /// </summary>
    public ReadOnlySpan<float> Row(long row, Span<float> buffer)
    {
        if (Precision == VectorPrecision.Float32)
        {
            return Float32Rows(row, 1);
        }

        var values = buffer[..Dimension];
        VectorCodec.Decode(RowBytes(row), Precision, values);
        return values;
    }

    /// <summary>A copy of row <paramref name="row"/> as float32.</summary>
    public float[] RowArray(long row)
    {
        float[] values = new float[Dimension];
        CopyRows(row, 1, values);
        return values;
    }

    /// <summary>Widens <paramref name="count"/> rows from <paramref name="first"/> into <paramref name="destination"/>, row-major.</summary>
    public void CopyRows(long first, int count, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        CheckRow(first);
        CheckRow(first + count - 1);
        VectorCodec.Decode(Bytes(first * rowBytes, checked((int)(count * rowBytes))), Precision, destination[..checked(count * Dimension)]);
    }

    /// <summary>Row <paramref name="row"/> · <paramref name="query"/>, in float32.</summary>
    public float Dot(long row, ReadOnlySpan<float> query)
    {
        if (Precision == VectorPrecision.Float32)
        {
            return TensorPrimitives.Dot(Float32Rows(row, 1), query);
        }

        Span<float> values = Dimension <= 1024 ? stackalloc float[Dimension] : new float[Dimension];
        return TensorPrimitives.Dot(Row(row, values), query);
    }

    /// <summary>
    /// <paramref name="count"/> float32 rows from <paramref name="first"/>, in place, row-major: only for float32 rows
    /// (a file of another precision is read through <see cref="CopyRows"/>).
    /// </summary>
    public ReadOnlySpan<float> Float32Rows(long first, int count)
    {
        if (Precision != VectorPrecision.Float32)
        {
            throw new InvalidOperationException($"These rows are stored as {Precision}; read them with CopyRows or Row.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckRow(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, Rows, nameof(count));
        int length = checked(count * Dimension);
        return array is not null
            ? array.AsSpan(checked((int)(first * Dimension)), length)
            : new ReadOnlySpan<float>((float*)mapped + (first * Dimension), length);
    }

    private void CheckRow(long row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (view is not null)
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
        }

        map?.Dispose();
    }
}
