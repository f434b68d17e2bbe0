using Itm.Data.Ranking;
using Itm.Index.Vectors;

namespace Itm.Index.Catalog;

/// <summary>
/// Where one collection's vectors stand: which generation of its vector file is current (compaction writes the next),
/// how many rows of it are committed, its revision (up by one on every commit that touches it) and the revision its
/// saved HNSW graph was built at (−1: none). A graph is current when built at the current revision.
/// </summary>
/// <param name="GraphSha256">SHA-256 (hex) of the saved graph file, recorded with <paramref name="GraphRevision"/>; null for
/// a graph saved before checksums were kept.</param>
/// <param name="GraphBytes">The saved graph file's length, checked on every open (its hash only by a full check).</param>
public sealed record CollectionState(long Generation, long Rows, long Revision, long GraphRevision, string? GraphSha256 = null, long? GraphBytes = null)
{
    public static CollectionState Empty(long generation) => new(generation, 0, 0, -1);

    public bool HasCurrentGraph => GraphRevision == Revision;
}

/// <summary>
/// The catalog's bookkeeping, changed only inside the transaction that changes the rows it describes, so the two
/// always agree.
/// </summary>
/// <param name="ChecksumBlockBytes">
/// The block size of the vector files' checksums (<see cref="Vectors.VectorBlocks"/>); null for an index written before
/// checksums were kept, which the next writer brings up to date.
/// </param>
/// <param name="FinishedRuns">
/// How many indexing runs have finished on this index (0 for an index last written before runs were counted): raised by
/// one in the last commit of a run, after its compaction, graphs and backend copy. A server watches it to open the
/// index again after each run (the live index); it is the snapshot's <c>generation</c> the server reports.
/// </param>
/// <param name="ImageCentre">
/// The collection centre every image vector of the index was centred on (<see cref="CollectionCentre"/>), chosen by the
/// run that embedded the first image; null: vectors as the model gives them. Anything compared with the stored vectors
/// (an uploaded image, an explanation's edited pixels) is centred on it too.
/// </param>
/// <param name="VectorPrecision">
/// How the vector files store values (<see cref="Vectors.VectorPrecision"/>; float32 for an index written before the
/// choice existed). Every file the writer creates for the index (a new collection, compaction, re-embedding) is written
/// at it, and each file's header must agree.
/// </param>
public sealed record CatalogState(
    IndexIdentity Identity,
    CollectionState Images,
    CollectionState Captions,
    string? CaptionsSource,
    string? CaptionsHash,
    int? ChecksumBlockBytes = null,
    long FinishedRuns = 0,
    CollectionCentre? ImageCentre = null,
    VectorPrecision VectorPrecision = VectorPrecision.Float32)
{
    public CollectionState this[VectorCollection collection] => collection == VectorCollection.Images ? Images : Captions;

    public CatalogState With(VectorCollection collection, CollectionState state) =>
        collection == VectorCollection.Images ? this with { Images = state } : this with { Captions = state };
}
