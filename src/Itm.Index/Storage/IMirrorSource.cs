using Itm.Index.Catalog;

namespace Itm.Index.Storage;

/// <summary>
/// The query side of a copy of an index folder's vectors kept outside the folder (a scale-out backend, such as a
/// Garnet cluster): what an <see cref="IndexReader"/> asks for a collection's search structure before it falls back to
/// the folder's own (a saved HNSW graph or an exact scan). Without one, the folder always answers itself.
/// </summary>
public interface IMirrorSource
{
    /// <summary>
    /// The reader of the folder's copy, or null when the catalog records no binding to this backend. Opening it must
    /// not reach the backend yet: reading a stored vector needs no connection.
    /// </summary>
    /// <param name="folder">The index folder, full path (for messages).</param>
    IMirrorReader? OpenReader(string folder, IndexCatalog catalog, IndexIdentity identity);
}
