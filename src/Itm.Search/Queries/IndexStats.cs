using Itm.Data.Ranking;
using Itm.Index.Nearest;

namespace Itm.Search.Queries;

/// <summary>What an index holds and how it answers: its counts, its model and its search structure.</summary>
/// <param name="Images">Readable images (with a vector).</param>
/// <param name="Captions">Captions <c>annotate</c> ranks.</param>
/// <param name="Dimension">Length of every vector.</param>
/// <param name="ModelDir">The model folder the vectors were computed with.</param>
/// <param name="TextModel">The model's text channel (its catalog name: bow, ngram-3+skip, sse, minilm, ...), or null when its folder can't be read now.</param>
/// <param name="ImageModel">The model's image channel (resnet18, resnet18tune, convnet), or null when its folder can't be read now.</param>
/// <param name="ImageSearch">The structure that answers image queries: exact scan or HNSW graph.</param>
/// <param name="ImageCentring">Whether the stored image vectors are centred on the collection's mean (docs/search.md).</param>
/// <param name="Mirrored">Whether the index is bound to a scale-out backend (Garnet) that answers its queries when whole.</param>
public sealed record IndexStats(
    long Images,
    long Captions,
    int Dimension,
    string ModelDir,
    string? TextModel,
    string? ImageModel,
    VectorIndexKind ImageSearch,
    ImageCentring ImageCentring,
    bool Mirrored = false)
{
    /// <summary>
    /// True when the index is bound to a backend but its own folder answered instead (by an exact scan): the backend's
    /// copy was short of this snapshot's vectors (a node lost data, or a run is pushing a newer copy). The answers are
    /// the same, only slower, until the next <c>itm index</c> run makes the copy whole.
    /// </summary>
    public bool AnsweredByFolderInsteadOfBackend => Mirrored && ImageSearch != VectorIndexKind.Garnet;
}
