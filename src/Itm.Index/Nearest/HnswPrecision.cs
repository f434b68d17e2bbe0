namespace Itm.Index.Nearest;

/// <summary>
/// How the HNSW graph stores its own copy of the vectors, which it reads while walking. The float32 vector file stays
/// the source of truth either way: with a narrower copy the graph finds candidates on the approximate vectors and
/// they are re-scored exactly from the vector file, so results and scores stay true while the graph file shrinks.
/// </summary>
public enum HnswPrecision
{
    /// <summary>4 bytes a value: the graph file holds a second full copy of the vectors (over 2× the raw size on disk).</summary>
    Float32,

    /// <summary>2 bytes a value: half the copy, distances almost unchanged.</summary>
    Float16,

    /// <summary>1 byte a value (USearch scales by 127, so unit vectors' small components lose precision): a quarter of the copy.</summary>
    Int8,

    /// <summary>
    /// 1 bit a value, the sign, walked by Hamming distance: a thirty-second of the float32 copy, so a folder with a graph
    /// stays under 1.2× its vector file (1.18× at M 16, against 1.40× with int8). The walk is coarse, so it fetches 20
    /// candidates a hit to re-score (<see cref="VectorIndexOptions.RerankFactorFor"/>); on benchmarks/search's million
    /// vectors that reached recall@10 0.985 at about three quarters of the int8 graph's queries/s, so it is the choice
    /// when disk matters more than speed.
    /// </summary>
    Binary,
}
