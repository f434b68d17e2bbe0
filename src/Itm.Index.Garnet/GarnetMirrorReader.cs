using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Vectors;

namespace Itm.Index.Garnet;

/// <summary>
/// The query side of a folder bound to Garnet: a collection whose copy is current is searched there, over a connection
/// taken on the first search from those the mirror shares among its readers (which keeps trying a node that went down).
/// </summary>
internal sealed class GarnetMirrorReader(string folder, GarnetBinding binding, GarnetQueryConnections.Lease connection)
    : IMirrorReader
{
    /// <summary>
    /// The collection's Garnet copy, after checking that Garnet holds as many vectors as the catalog has live rows:
    /// a node that lost its data would otherwise answer with results that silently miss images. When the counts differ
    /// because a later <c>itm index</c> run has moved the folder on since this reader's snapshot (it pushes its rows to
    /// Garnet as it goes), the copy no longer matches the snapshot: null, so the folder's own files answer for it.
    /// </summary>
    public IVectorIndex? Open(VectorCollection collection, CollectionState state, RowFilter live, VectorRows rows)
    {
        if (!binding[collection].IsCurrent(state))
        {
            return null;
        }

        var store = connection.Store;
        var keys = binding.Keys(collection, binding[collection].Epoch);
        // Read before the counts, so that a write made while the index opens is seen by the first search.
        var writes = keys.Select(store.Writes).ToList();
        var counts = keys.Select(store.Count).ToList();
        long held = counts.Sum();
        if (held != live.LiveCount && MovedOn(collection, state))
        {
            return null;
        }

        if (held != live.LiveCount)
        {
            throw new IndexFolderException(
                $"Garnet holds {held:N0} {GarnetMirror.Noun(collection)} vectors of {folder} in {string.Join(", ", keys)}, but the index has {live.LiveCount:N0}: " +
                "Garnet lost data (a node restarted without its AOF or checkpoint?). " +
                $"Run `itm index ... --db {folder}` to push the vectors again (nothing is re-embedded).",
                IndexProblem.BackendUnavailable);
        }

        return new GarnetVectorIndex(store, keys, counts, writes, live, rows, () => MovedOn(collection, state));
    }

    /// <summary>Whether the folder's catalog, read now outside the snapshot, has another state of the collection.</summary>
    private bool MovedOn(VectorCollection collection, CollectionState snapshot)
    {
        using var current = IndexCatalog.Open(IndexFiles.Catalog(folder), readOnly: true);
        return current.ReadState()[collection] != snapshot;
    }

    public void Dispose() => connection.Dispose();
}
