using Itm.Data.IO;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Catalog;

/// <summary>SQLite's own word that the disk refused a write to <c>catalog.db</c>: full, or read-only.</summary>
public static class CatalogStorageFailure
{
    private const int ReadOnly = 8;
    private const int Full = 13;

    /// <summary>For <see cref="StorageFailureException.Guard"/>: the kind of a SQLite failure the disk caused, else null.</summary>
    public static StorageFailureKind? KindOf(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: Full } => StorageFailureKind.NoSpace,
        SqliteException { SqliteErrorCode: ReadOnly } => StorageFailureKind.NotWritable,
        _ => null,
    };
}
