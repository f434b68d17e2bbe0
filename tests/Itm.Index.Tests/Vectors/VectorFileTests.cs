using System.Buffers.Binary;
using Itm.Index.Tests.Fixtures;
using Itm.Index.Vectors;

namespace Itm.Index.Tests.Vectors;

/// <summary>The vector file format and its recovery: appended rows read back mapped; bytes past the committed count are cut off.</summary>
public sealed class VectorFileTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Appended_batches_read_back_memory_mapped_behind_a_versioned_header()
    {
        string path = temp.PathOf("v.vectors");
        using (var file = VectorFile.Create(path, dimension: 3))
        {
            file.Append([1, 2, 3, 4, 5, 6]);
            file.Append([7, 8, 9]);
            Assert.Equal(3, file.Rows);
        }

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal("ITMV"u8.ToArray(), bytes[..4]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(3L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(64 + (9 * sizeof(float)), bytes.Length);

        using var rows = VectorRows.Map(path, 3);
        Assert.Equal([4f, 5f, 6f], rows.RowArray(1));
        Assert.Equal([7f, 8f, 9f], rows.RowArray(2));
    }

    [Fact]
    public void Opening_cuts_off_rows_and_torn_bytes_past_the_committed_count()
    {
        string path = temp.PathOf("v.vectors");
        using (var file = VectorFile.Create(path, dimension: 2))
        {
            file.Append([1, 1, 2, 2, 3, 3]);
        }

        // A crash after the third row was written but before the catalog committed it, mid-way through a fourth.
        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write([0xDE, 0xAD, 0xBE]);
        }

        using (var reopened = VectorFile.Open(path, dimension: 2, committedRows: 2))
        {
            Assert.Equal(2 * sizeof(float) + 3, reopened.DroppedBytes);
            reopened.Append([9, 9]);
        }

        using var rows = VectorRows.Map(path, 3);
        Assert.Equal([2f, 2f], rows.RowArray(1));
        Assert.Equal([9f, 9f], rows.RowArray(2));
        Assert.Equal(64 + (6 * sizeof(float)), new FileInfo(path).Length);
    }

    [Fact]
    public void Float16_rows_take_half_the_bytes_behind_a_version_2_header_and_read_back_rounded_to_half()
    {
        string path = temp.PathOf("h.vectors");
        float[] values = [0.1f, -0.333f, 0.7071f, 1e-5f, 0.5f, -1f];
        using (var file = VectorFile.Create(path, dimension: 3, VectorPrecision.Float16))
        {
            file.Append(values.AsSpan(0, 3));
            file.Append(values.AsSpan(3));
        }

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal((uint)VectorPrecision.Float16, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(64 + (6 * 2), bytes.Length);

        using (var reopened = VectorFile.Open(path, dimension: 3, committedRows: 2))
        {
            Assert.Equal(VectorPrecision.Float16, reopened.Precision);
        }

        using var rows = VectorRows.Map(path, 2);
        Assert.Equal(VectorPrecision.Float16, rows.Precision);
        Assert.Equal(12, rows.DataBytes);
        var expected = values.Select(v => (float)(Half)v).ToArray();
        Assert.Equal(expected[3..], rows.RowArray(1));
        Assert.Equal(expected[..3], rows.Row(0, new float[3]).ToArray());
        Assert.Equal(expected[3..].Zip(new[] { 1f, 2f, 3f }, (a, b) => a * b).Sum(), rows.Dot(1, [1f, 2f, 3f]), 1e-6f);
        Assert.Throws<InvalidOperationException>(() => rows.Float32Rows(0, 1).ToArray());
    }

    [Fact]
    public void A_file_shorter_than_the_catalog_says_is_refused()
    {
        string path = temp.PathOf("v.vectors");
        using (var file = VectorFile.Create(path, dimension: 2))
        {
            file.Append([1, 1]);
        }

        var error = Assert.Throws<InvalidDataException>(() => VectorFile.Open(path, dimension: 2, committedRows: 5));
        Assert.Contains("committed 5", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_vector_file_is_named()
    {
        string path = temp.Write("junk.vectors", "not vectors at all, but long enough to hold a header of sixty-four bytes.");
        var error = Assert.Throws<InvalidDataException>(() => VectorRows.Map(path, 0));
        Assert.Contains("junk.vectors", error.Message);
    }
}
