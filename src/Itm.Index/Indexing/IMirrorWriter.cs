using Itm.Index.Catalog;
using Itm.Index.Nearest;

namespace Itm.Index.Indexing;

/// <summary>A folder's binding to a scale-out backend for one indexing run (see <see cref="IIndexMirror"/>).</summary>
public interface IMirrorWriter : IDisposable
{
    /// <summary>Brings one collection's copy up to date with the folder; returns the structure that now answers its queries.</summary>
    VectorIndexKind Sync(VectorCollection collection, IProgress<IndexEvent>? progress, CancellationToken cancellation);

    /// <summary>
    /// Called once the run has synced every collection, or once a sync has failed: the backend may snapshot what the run
    /// changed (Garnet: a checkpoint), so that a node that restarts later recovers quickly instead of replaying every
    /// write. Never throws, and never waits long for a node that is down.
    /// </summary>
    void Checkpoint(IProgress<IndexEvent>? progress);
}
