using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;

namespace Itm.Index.Garnet;

/// <summary>The store and the folder's binding to it, as it changes over an indexing run.</summary>
internal sealed class GarnetMirrorWriter(IndexFolder folder, GarnetStore store, GarnetBinding binding) : IMirrorWriter
{
    private GarnetBinding binding = binding;

    public VectorIndexKind Sync(VectorCollection collection, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        binding = GarnetMirror.Sync(folder, store, binding, collection, progress, cancellation);
        return VectorIndexKind.Garnet;
    }

    public void Dispose() => store.Dispose();
}
