using Itm.Index.Catalog;

namespace Itm.Index.Storage;

/// <summary>
/// The files of an index folder: <c>catalog.db</c> (SQLite, with its -wal and -shm), one vector file per collection
/// and generation (<c>images-1.vectors</c>, <c>captions-1.vectors</c>; compaction writes generation 2, ...), an HNSW
/// graph per collection when the collection is large (<c>images.hnsw</c>), and <c>index.lock</c>, held by the one writer.
/// </summary>
public static class IndexFiles
{
    public const string CatalogFile = "catalog.db";
    public const string LockFile = "index.lock";
    private const string VectorsExtension = ".vectors";

    public static string Catalog(string folder) => Path.Combine(folder, CatalogFile);

    public static string Vectors(string folder, VectorCollection collection, long generation) =>
        Path.Combine(folder, $"{collection.StoredName()}-{generation}{VectorsExtension}");

    public static string Graph(string folder, VectorCollection collection) => Path.Combine(folder, $"{collection.StoredName()}.hnsw");

    /// <summary>Vector files of generations other than the current ones, and temporary files: what a crash can leave.</summary>
    public static IEnumerable<string> Leftovers(string folder, CatalogState state)
    {
        var current = Enum.GetValues<VectorCollection>()
            .Select(c => Path.GetFileName(Vectors(folder, c, state[c].Generation)))
            .ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(folder)
            .Where(path =>
            {
                string name = Path.GetFileName(path);
                return (name.EndsWith(VectorsExtension, StringComparison.Ordinal) && !current.Contains(name))
                    || (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal));
            });
    }

}
