using Itm.Data.Ranking;

namespace Itm.Index.Nearest;

/// <summary>
/// Nearest rows to a query by inner product, best first. The vectors are L2-normalised joint-space embeddings, so the
/// score is their cosine. Implementations: <see cref="ExactIndex"/> (a scan, always right) and <see cref="HnswIndex"/>
/// (a graph, approximate and fast on large collections).
/// </summary>
public interface IVectorIndex : IDisposable
{
    VectorIndexKind Kind { get; }

    int Dimension { get; }

    /// <summary>How many rows a search can return.</summary>
    long Count { get; }

    /// <summary>The <paramref name="k"/> best rows (fewer if the index holds fewer), highest score first.</summary>
    IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k);

    /// <summary>One result list per query; <paramref name="queries"/> is row-major, a multiple of <see cref="Dimension"/>.</summary>
    IReadOnlyList<IReadOnlyList<VectorHit>> SearchBatch(ReadOnlyMemory<float> queries, int k);
}
