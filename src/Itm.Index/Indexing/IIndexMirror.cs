using Itm.Index.Catalog;
using Itm.Index.Storage;

namespace Itm.Index.Indexing;

/// <summary>
/// A scale-out backend that keeps a copy of an index folder's vectors and answers its queries (Itm.Index.Garnet
/// implements it for a Garnet cluster). The folder stays the source of truth; the backend records its binding in the
/// folder's catalog. An <see cref="IncrementalIndexer"/> without one keeps the embedded backend: the folder itself.
/// </summary>
public interface IIndexMirror : IMirrorSource
{
    /// <summary>The backend this mirror is, as <see cref="IndexerOptions.Backend"/> names it.</summary>
    IndexBackend Backend { get; }

    /// <summary>Whether the folder's catalog records a binding to this backend.</summary>
    bool IsBound(IndexCatalog catalog);

    /// <summary>
    /// Binds the folder to the backend (or keeps or updates its binding) before an indexing run does any work, so a
    /// wrong address fails at once; the writer brings each collection's copy up to date after the run.
    /// </summary>
    IMirrorWriter Bind(IndexFolder folder);

    /// <summary>Unbinds the folder (its own files answer queries again), deleting the copy where the backend can be reached.</summary>
    void Unbind(IndexFolder folder, IProgress<IndexEvent>? progress);
}
