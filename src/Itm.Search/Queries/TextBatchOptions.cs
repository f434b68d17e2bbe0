namespace Itm.Search.Queries;

/// <summary>
/// How <see cref="TextEncodeBatcher"/> gathers sentences that arrive together into one run of the text encoder: it waits
/// at most <see cref="Window"/> after the first sentence of a batch, or until <see cref="MaxBatch"/> sentences are waiting.
/// One run of a batch of 16 costs little more than a run of one, so under load each query pays a fraction of a run.
/// </summary>
public sealed record TextBatchOptions
{
    /// <summary>Longest wait the first sentence of a batch gives others to join it.</summary>
    public const double MaxWindowMilliseconds = 1_000;

    /// <summary>
    /// Longest a sentence waits for others before it is encoded: what a lone query pays. A millisecond is a fraction of
    /// one MiniLM run (several ms) and enough for the queries that arrive within one run to meet. Zero: no waiting,
    /// only what queued while the encoder was busy is batched.
    /// </summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Most sentences in one run: past a few dozen a batch costs as much per sentence as separate runs, and waits longer.</summary>
    public int MaxBatch { get; init; } = 32;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, TimeSpan.Zero, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Window, TimeSpan.FromMilliseconds(MaxWindowMilliseconds), nameof(Window));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
    }
}
