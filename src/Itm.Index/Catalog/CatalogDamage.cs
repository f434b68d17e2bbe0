using Microsoft.Data.Sqlite;

namespace Itm.Index.Catalog;

/// <summary>SQLite's own word that <c>catalog.db</c> is damaged, turned into the index's error with what to do.</summary>
internal static class CatalogDamage
{
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    public static bool Is(SqliteException e) => e.SqliteErrorCode is Corrupt or NotADatabase;

    /// <summary>Re-embedding needs a readable catalog, so the way back is a new index.</summary>
    public static IndexFolderException Exception(string catalogPath, SqliteException e) => new(
        $"{catalogPath} is damaged ({e.Message}). Build the index again in a new folder (`itm index ... --db NEW_DIR`), " +
        "or delete this one and run the same `itm index` command.",
        IndexProblem.Damaged,
        e);
}
