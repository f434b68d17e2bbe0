using Microsoft.Data.Sqlite;

namespace Itm.Index.Catalog;

/// <summary>SQLite's own word that <c>catalog.db</c> is damaged, turned into the index's error with what to do.</summary>
internal static class CatalogDamage
{
    private const int Corrupt = 11;
    private const int NotADatabase = 26;
    private const int Error = 1;

    public static bool Is(SqliteException e) => e.SqliteErrorCode is Corrupt or NotADatabase;

    /// <summary>
    /// SQLite's generic error while reading: the statements are itm's own and fixed, so it comes from the file, a
    /// SQLite file without the catalog's tables or columns (another program's database) or in a format this SQLite
    /// can't read ("unsupported file format"). SQLite has no error code of its own for these.
    /// </summary>
    public static bool IsForeign(SqliteException e) => e.SqliteErrorCode == Error;

    public static IndexFolderException ForeignException(string catalogPath, SqliteException e) => new(
        $"{catalogPath} is not an itm catalog, or its first `itm index` run has not finished ({e.Message}). " +
        "Point --db at an index folder, or build one there with `itm index ... --db DIR`.",
        IndexProblem.NotAnIndex,
        e);

    /// <summary>Re-embedding needs a readable catalog, so the way back is a new index.</summary>
    public static IndexFolderException Exception(string catalogPath, SqliteException e) => new(
        $"{catalogPath} is damaged ({e.Message}). Build the index again in a new folder (`itm index ... --db NEW_DIR`), " +
        "or delete this one and run the same `itm index` command.",
        IndexProblem.Damaged,
        e);
}
