using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Vectors;

namespace Itm.Index.Garnet;

/// <summary>
/// The query side of a folder bound to Garnet: a collection whose copy is current is searched there, over a connection
/// taken on the first search from those the mirror shares among its readers (which keeps trying a node that went down).
/// </summary>
internal sealed class GarnetMirrorReader(GarnetBinding binding, GarnetQueryConnections.Lease connection)
    : IMirrorReader
{
    /// <summary>
    /// The collection's Garnet copy, after checking that Garnet holds as many vectors as the catalog has live rows; null
    /// when it does not, so that the folder's own files answer for this snapshot, exactly. The counts differ when a later
    /// <c>itm index</c> run has moved the folder on since this reader's snapshot (it pushes its rows to Garnet as it goes),
    /// or when Garnet lost vectors (a node restarted without its data, or dropped acknowledged writes): either way the
    /// copy would answer without some of the snapshot's images, and the next run makes it whole again.
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
        if (counts.Sum() != live.LiveCount)
        {
            return null;
        }

        return new GarnetVectorIndex(store, keys, counts, writes, live, rows);
    }

    public void Dispose() => connection.Dispose();
}
