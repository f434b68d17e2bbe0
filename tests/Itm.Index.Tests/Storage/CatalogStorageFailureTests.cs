using Itm.Data.IO;
using Itm.Index.Catalog;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Tests.Storage;

public sealed class CatalogStorageFailureTests
{
    [Theory]
    [InlineData(13, StorageFailureKind.NoSpace)]
    [InlineData(8, StorageFailureKind.NotWritable)]
    public void Sqlite_full_and_read_only_are_the_disk_refusing(int code, StorageFailureKind kind)
    {
        Assert.Equal(kind, CatalogStorageFailure.KindOf(new SqliteException("refused", code)));
    }

    [Theory]
    [InlineData(5)] // SQLITE_BUSY: another writer, not the disk
    [InlineData(11)] // SQLITE_CORRUPT: a damaged file, which the user must not be told to free space for
    [InlineData(19)] // SQLITE_CONSTRAINT
    public void Other_sqlite_errors_are_not(int code)
    {
        Assert.Null(CatalogStorageFailure.KindOf(new SqliteException("other", code)));
    }

    [Fact]
    public void A_full_catalog_inside_an_index_run_is_reported_against_the_index_folder()
    {
        var error = Assert.Throws<StorageFailureException>(() => StorageFailureException.Guard<int>(
            "db", "the index", () => throw new InvalidOperationException("saving", new SqliteException("SQLite Error 13: 'database or disk is full'.", 13)),
            CatalogStorageFailure.KindOf));

        Assert.Equal(StorageFailureKind.NoSpace, error.Kind);
        Assert.Contains($"the index {Path.GetFullPath("db")}", error.Message);
        Assert.Contains("database or disk is full", error.Message);
    }
}
