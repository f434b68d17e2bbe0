using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Itm.Index.Vectors;

/// <summary>
/// Read-only rows of a vector file, memory-mapped so a search touches the pages it needs and the OS shares them
/// between processes; or rows held in an array (vectors just computed, tests). Only the first <see cref="Rows"/>
/// rows are visible: whatever a writer appends later is not.
/// </summary>
public sealed unsafe class VectorRows : IDisposable
{
    private readonly MemoryMappedFile? map;
    private readonly MemoryMappedViewAccessor? view;
    private readonly float* mapped;
    private readonly float[]? array;
    private bool disposed;

    private VectorRows(int dimension, long rows, MemoryMappedFile? map, MemoryMappedViewAccessor? view, float* mapped, float[]? array)
    {
        Dimension = dimension;
        Rows = rows;
        this.map = map;
        this.view = view;
        this.mapped = mapped;
        this.array = array;
    }

    public int Dimension { get; }

    public long Rows { get; }

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
            return new VectorRows(header.Dimension, 0, null, null, null, []);
        }

        var map = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += view.PointerOffset;
        return new VectorRows(header.Dimension, rows, map, view, (float*)(start + VectorFileHeader.Length), null);
    }

    /// <summary>
    /// A collection's committed rows: <see cref="Map"/>, or no rows when none are committed and the file was never
    /// written (a new index, a collection nothing was added to).
    /// </summary>
    public static VectorRows MapCommitted(string path, long rows, int dimension) =>
        rows == 0 && !File.Exists(path) ? FromArray([], dimension) : Map(path, rows);

    /// <summary>Rows held in memory, row-major.</summary>
    public static VectorRows FromArray(float[] rows, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length % dimension != 0)
        {
            throw new ArgumentException($"{rows.Length} floats are not whole rows of {dimension}.", nameof(rows));
        }

        return new VectorRows(dimension, rows.Length / dimension, null, null, null, rows);
    }

    /// <summary>Bytes of row data (the header excluded): what the block checksums cover.</summary>
    public long DataBytes => Rows * Dimension * sizeof(float);

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
            : new ReadOnlySpan<byte>((byte*)mapped + offset, length);
    }

    public ReadOnlySpan<float> this[long row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
            return array is not null
                ? array.AsSpan(checked((int)(row * Dimension)), Dimension)
                : new ReadOnlySpan<float>(mapped + (row * Dimension), Dimension);
        }
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
