namespace Itm.Index.Vectors;

/// <summary>
/// The writer's handle on a vector file: rows of one dimension at one <see cref="VectorPrecision"/>, appended in
/// batches. Each append is on disk (fsync) before it returns, so a catalog that records the new row count afterwards
/// never points past the data. Opening with the catalog's committed count cuts off anything a killed run wrote beyond it.
/// </summary>
public sealed class VectorFile : IDisposable
{
    private readonly FileStream stream;

    private VectorFile(string path, FileStream stream, VectorFileHeader header, long droppedBytes)
    {
        Path = path;
        this.stream = stream;
        Dimension = header.Dimension;
        Precision = header.Precision;
        Rows = header.Rows;
        DroppedBytes = droppedBytes;
    }

    public string Path { get; }

    public int Dimension { get; }

    public VectorPrecision Precision { get; }

    /// <summary>Rows in the file, all of them committed.</summary>
    public long Rows { get; private set; }

    /// <summary>Bytes past the committed rows that opening cut off (an interrupted append); 0 normally.</summary>
    public long DroppedBytes { get; }

    /// <summary>Bytes of row data (the header excluded), as <see cref="VectorRows.DataBytes"/> counts them.</summary>
    public long DataBytes => Rows * Header.RowBytes;

    private VectorFileHeader Header => new(Dimension, Rows, Precision);

    /// <summary>Creates an empty file (replacing any file at <paramref name="path"/>), header on disk.</summary>
    public static VectorFile Create(string path, int dimension, VectorPrecision precision = VectorPrecision.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var stream = OpenStream(path, FileMode.Create);
        var header = new VectorFileHeader(dimension, 0, precision);
        Span<byte> bytes = stackalloc byte[VectorFileHeader.Length];
        header.Write(bytes);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
        return new VectorFile(path, stream, header, 0);
    }

    /// <summary>
    /// Opens for appending after <paramref name="committedRows"/> rows: a longer file (a batch whose catalog
    /// transaction never committed, or a torn write) is truncated back; a shorter one is damage and is refused.
    /// </summary>
    public static VectorFile Open(string path, int dimension, long committedRows)
    {
        var stream = OpenStream(path, FileMode.Open);
        try
        {
            var header = VectorFileHeader.Read(stream, path);
            if (header.Dimension != dimension)
            {
                throw new InvalidDataException($"{path} holds {header.Dimension}-d vectors; the catalog says {dimension}.");
            }

            var committed = header with { Rows = committedRows };
            long expected = committed.OffsetOf(committedRows);
            if (stream.Length < expected)
            {
                throw new InvalidDataException(
                    $"{path} holds {(stream.Length - VectorFileHeader.Length) / committed.RowBytes} whole rows but the catalog committed {committedRows}: the file was damaged or replaced.");
            }

            long dropped = stream.Length - expected;
            if (dropped > 0 || header.Rows != committedRows)
            {
                stream.SetLength(expected);
                VectorFileHeader.WriteRows(stream, committedRows);
                stream.Flush(flushToDisk: true);
            }

            return new VectorFile(path, stream, committed, dropped);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends whole rows (row-major, a multiple of <see cref="Dimension"/> floats, stored at <see cref="Precision"/>)
    /// and syncs them to disk. Anything beyond the current rows (left by a failed append in this process) is
    /// overwritten or cut off.
    /// </summary>
    public void Append(ReadOnlySpan<float> rows)
    {
        if (rows.Length % Dimension != 0)
        {
            throw new ArgumentException($"{rows.Length} floats are not whole rows of {Dimension}.", nameof(rows));
        }

        AppendEncoded(VectorCodec.Encode(rows, Precision));
    }

    /// <summary>As <see cref="Append"/>, for rows already encoded at <see cref="Precision"/> (<see cref="VectorCodec.Encode(ReadOnlySpan{float}, VectorPrecision)"/>).</summary>
    public void AppendEncoded(ReadOnlySpan<byte> rows)
    {
        long rowBytes = Header.RowBytes;
        if (rows.Length % rowBytes != 0)
        {
            throw new ArgumentException($"{rows.Length} bytes are not whole rows of {rowBytes} bytes.", nameof(rows));
        }

        long added = rows.Length / rowBytes;
        long end = Header.OffsetOf(Rows + added);
        stream.Position = Header.OffsetOf(Rows);
        stream.Write(rows);
        stream.SetLength(end);
        VectorFileHeader.WriteRows(stream, Rows + added);
        stream.Flush(flushToDisk: true);
        Rows += added;
    }

    public void Dispose() => stream.Dispose();

    // Readers (searches) may map the file while it is appended to, and compaction deletes it while they still might.
    private static FileStream OpenStream(string path, FileMode mode) =>
        new(path, mode, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 1 << 16);
}
