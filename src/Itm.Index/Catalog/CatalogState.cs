namespace Itm.Index.Catalog;

/// <summary>
/// Where one collection's vectors stand: which generation of its vector file is current (compaction writes the next),
/// how many rows of it are committed, its revision (up by one on every commit that touches it) and the revision its
/// saved HNSW graph was built at (−1: none). A graph is current when built at the current revision.
/// </summary>
public sealed record CollectionState(long Generation, long Rows, long Revision, long GraphRevision)
{
    public static CollectionState Empty(long generation) => new(generation, 0, 0, -1);

    public bool HasCurrentGraph => GraphRevision == Revision;
}

/// <summary>
/// The catalog's bookkeeping, changed only inside the transaction that changes the rows it describes, so the two
/// always agree.
/// </summary>
public sealed record CatalogState(
    IndexIdentity Identity,
    CollectionState Images,
    CollectionState Captions,
    string? CaptionsSource,
    string? CaptionsHash)
{
    public CollectionState this[VectorCollection collection] => collection == VectorCollection.Images ? Images : Captions;

    public CatalogState With(VectorCollection collection, CollectionState state) =>
        collection == VectorCollection.Images ? this with { Images = state } : this with { Captions = state };
}
