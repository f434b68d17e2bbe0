using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Index.Storage;

/// <summary>An open reader of a folder's copy in a scale-out backend (see <see cref="IMirrorSource"/>).</summary>
public interface IMirrorReader : IDisposable
{
    /// <summary>
    /// The copy's search structure for one collection, or null when the copy is not current with the folder or holds
    /// another number of vectors than the catalog's live rows (the folder then answers). Throws
    /// <see cref="IndexFolderException"/> with <see cref="IndexProblem.BackendUnavailable"/> when the backend can't be reached.
    /// </summary>
    IVectorIndex? Open(VectorCollection collection, CollectionState state, RowFilter live, VectorRows rows);
}
