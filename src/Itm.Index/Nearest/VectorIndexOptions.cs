namespace Itm.Index.Nearest;

/// <summary>How a collection's vectors are searched.</summary>
public sealed record VectorIndexOptions
{
    public VectorIndexKind Kind { get; init; } = VectorIndexKind.Auto;

    /// <summary>
    /// With <see cref="VectorIndexKind.Auto"/>, collections of at least this many vectors get an HNSW graph. An exact
    /// scan of 20,000 × 256 floats takes about a millisecond, while building a graph costs seconds: below this it is not worth it.
    /// </summary>
    public int HnswThreshold { get; init; } = 20_000;

    /// <summary>HNSW graph degree (USearch's connectivity, "M").</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>Candidate list size while inserting ("efConstruction"): higher builds slower and finds better neighbours.</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>Candidate list size while searching ("ef"); raised to k when a query asks for more.</summary>
    public int ExpansionSearch { get; init; } = 64;

    /// <summary>
    /// The graph's copy of the vectors. Narrower copies make a smaller graph file and a faster walk; the candidates are
    /// re-scored from the float32 rows when the graph is given them (see <see cref="HnswIndex.Open"/>). A saved graph
    /// remembers its precision, so this only matters when building. Int8 by default: on 1,000,000 clustered 256-d
    /// vectors (benchmarks/search) it reached recall@10 0.952 at the default ef 64 (float32: 0.936) with 2.2× the
    /// queries/s, a graph file a third the size and a 2.8× faster build. Binary (sign bits) makes the smallest folder
    /// (1.18× the vectors, not 1.40×) at recall 0.985 but answered 0.66–0.79× int8's queries/s there, so it is not the default.
    /// </summary>
    public HnswPrecision Precision { get; init; } = HnswPrecision.Int8;

    /// <summary>
    /// With a narrower <see cref="Precision"/>: candidates fetched per requested hit for exact re-scoring (the walk
    /// keeps at least <see cref="ExpansionSearch"/> candidates anyway, so up to that many cost only the re-scoring).
    /// Null: the precision's own (<see cref="RerankFactorFor"/>).
    /// </summary>
    public int? RerankFactor { get; init; }

    /// <summary>
    /// The re-scoring multiple for a graph of <paramref name="precision"/>: <see cref="RerankFactor"/> when set, else 4
    /// for float16 and int8 (enough on benchmarks/search's collection), and 20 for sign bits: their Hamming distances
    /// take only dimension + 1 values and rank a cluster's members coarsely, so the true top 10 sit among the best 200.
    /// On 1,000,000 clustered 256-d vectors recall@10 was 0.945 at 16, 0.971 at 18, 0.985 at 20 and 0.997 at 24.
    /// </summary>
    public int RerankFactorFor(HnswPrecision precision) => RerankFactor ?? (precision == HnswPrecision.Binary ? 20 : 4);

    /// <summary>Threads that insert into the graph.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The structure for a collection of <paramref name="count"/> vectors.</summary>
    public VectorIndexKind Resolve(long count) => Kind switch
    {
        VectorIndexKind.Auto => count >= HnswThreshold ? VectorIndexKind.Hnsw : VectorIndexKind.Exact,
        var kind => kind,
    };

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(HnswThreshold, 1, nameof(HnswThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(Connectivity, 2, nameof(Connectivity));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpansionAdd, 1, nameof(ExpansionAdd));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExpansionSearch, 1, nameof(ExpansionSearch));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (RerankFactor is int factor)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1, nameof(RerankFactor));
        }

        if (Kind == VectorIndexKind.Garnet)
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Garnet is a backend, not a search structure: bind the index to it with --backend garnet.");
        }

        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "Not a graph precision.");
        }
    }
}
