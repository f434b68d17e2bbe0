namespace Itm.Index.Nearest;

/// <summary>Which search structure answers queries.</summary>
public enum VectorIndexKind
{
    /// <summary>Exact below <see cref="VectorIndexOptions.HnswThreshold"/> vectors, HNSW from there on.</summary>
    Auto,

    /// <summary>Score every vector: exact, and fast enough up to tens of thousands.</summary>
    Exact,

    /// <summary>USearch's HNSW graph: approximate (recall near 1 on real embeddings), sub-millisecond on millions.</summary>
    Hnsw,

    /// <summary>
    /// A Garnet cluster's vector sets (DiskANN), for collections larger than one machine. Not chosen with this option:
    /// an index folder bound to Garnet (<c>itm index --backend garnet</c>) is searched there while its copy is current.
    /// </summary>
    Garnet,
}
