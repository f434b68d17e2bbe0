using Itm.Model.Features;

namespace Itm.Model.TextEncoders;

/// <summary>How the pretrained MiniLM runs. Defaults suit the 2-core CPU machines itm targets; only <see cref="Precision"/> changes a vector.</summary>
public sealed record MiniLmOptions
{
    /// <summary>
    /// ONNX Runtime threads inside one operator; null chooses by <see cref="Precision"/> (<see cref="Threads"/>).
    /// </summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>
    /// The threads a session runs: <see cref="IntraOpThreads"/>, else 2 (the machine class's cores) in float32 and 1 in
    /// int8, whose operators are too short to share: one int8 sentence takes 1.2 ms on one thread and 2.1 ms on two,
    /// and a batch of 16 is as fast on one (benchmarks/BENCHMARKS.md, "MiniLM in int8").
    /// </summary>
    public int Threads => IntraOpThreads ?? (Precision == PretrainedPrecision.Int8 ? 1 : 2);

    /// <summary>
    /// Sentences per inference call. A batch is padded to its longest sentence, so sentences are sorted by length
    /// first (1.5× faster than input order on OpenClipart's captions); 64 gave ~490 sentences/s on a quiet 2-core
    /// machine, and batches of 16 pay more per call.
    /// </summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Whether ONNX Runtime's threads spin between calls instead of sleeping. Off: in a query the MiniLM call is
    /// followed at once by the model's head in libtorch, whose OpenMP threads need the same two cores; with spinning on,
    /// one query's text channel took 8.2 ms at the median instead of MiniLM's 3.3 ms alone.
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary>
    /// Float32, or int8 matrix products (2.8× the sentences per second one at a time, median cosine 0.994 to the
    /// float32 vectors; docs/training.md). Int8 vectors have their own fingerprint, so the two are never mixed.
    /// </summary>
    public PretrainedPrecision Precision { get; init; } = PretrainedPrecision.Float32;

    public void Validate()
    {
        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "Not a MiniLM precision.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 4096, nameof(BatchSize));
    }
}
