namespace Itm.Benchmarks.Search;

/// <summary>What one run of the search benchmark does; each phase is its own process so its memory is its own.</summary>
public enum SearchPhase
{
    /// <summary>Writes the collection as an itm vector file and the exact top-k of every query (the recall reference).</summary>
    Prepare,

    /// <summary>Times the exact index: one query at a time and in batches.</summary>
    Exact,

    /// <summary>Builds (once) and times the HNSW graph over a sweep of search expansions, with recall and memory.</summary>
    Hnsw,
}
