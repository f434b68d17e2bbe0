using Itm.Index.Nearest;

namespace Itm.Index.Indexing;

/// <summary>How an indexing run batches, compacts and builds its search structures.</summary>
public sealed record IndexerOptions
{
    /// <summary>
    /// Images embedded and committed together. A kill loses at most one batch of work; each commit costs an fsync and a
    /// transaction, a few milliseconds next to the seconds a batch of images takes to decode and embed.
    /// </summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Sentences embedded and committed together (sentences are about a hundred times cheaper than images).</summary>
    public int CaptionBatchSize { get; init; } = 4096;

    /// <summary>Rewrite a vector file without its dead rows (changed and deleted images) once they are more than this fraction of it.</summary>
    public double CompactWhenDeadFraction { get; init; } = 0.25;

    /// <summary>When collections get an HNSW graph, and its parameters.</summary>
    public VectorIndexOptions Search { get; init; } = new();

    /// <summary>Where the vectors are searched; null keeps what the index folder has (embedded unless bound to <see cref="Mirror"/>'s backend).</summary>
    public IndexBackend? Backend { get; init; }

    /// <summary>
    /// The scale-out backend (Itm.Index.Garnet's, with its nodes and layout), for <see cref="IndexBackend.Garnet"/> or a
    /// folder already bound to it; null: only the embedded backend, the folder itself.
    /// </summary>
    public IIndexMirror? Mirror { get; init; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CaptionBatchSize, 1, nameof(CaptionBatchSize));
        if (CompactWhenDeadFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactWhenDeadFraction), CompactWhenDeadFraction, "A fraction between 0 and 1.");
        }

        Search.Validate();
        if (Backend is { } backend && !Enum.IsDefined(backend))
        {
            throw new ArgumentOutOfRangeException(nameof(Backend), backend, "Not an index backend.");
        }
    }
}
