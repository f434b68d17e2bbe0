using Itm.Index.Nearest;
using Itm.Index.Storage;

namespace Itm.Search.Queries;

/// <summary>How a <see cref="QueryService"/> searches and where it caches the inputs of images it embeds.</summary>
public sealed record QueryOptions
{
    /// <summary>Image feature cache folder for query images; null for the default.</summary>
    public string? CacheDir { get; init; }

    public VectorIndexOptions Search { get; init; } = new();

    /// <summary>
    /// The scale-out backend an index may be bound to (Itm.Index.Garnet's, with other nodes to reach it by and timeouts);
    /// null: the index folder answers every query itself.
    /// </summary>
    public IMirrorSource? Mirror { get; init; }

    /// <summary>
    /// How many recently searched sentences keep their vectors, so a repeated query skips the text encoder; 0 turns the
    /// cache off. 4,096 vectors of a 256-d model take 4 MB.
    /// </summary>
    public int SentenceCacheSize { get; init; } = 4096;

    /// <summary>
    /// libtorch's threads for the process, set when the service opens; null leaves them as they are (it is a process-wide
    /// setting). A server wants 1: the model's heads are tiny, and a second OpenMP thread spins against ONNX Runtime's
    /// MiniLM threads for the same cores (text channel p99 24.8 → 9.8 ms on 2 cores, one query at a time).
    /// </summary>
    public int? TorchThreads { get; init; }

    /// <summary>
    /// How many queries may read the index at once, each through a reader of its own (a catalog connection, mapped vector
    /// files, a search graph view): 1 for a command that asks one question; a server wants about one per core.
    /// </summary>
    public int Readers { get; init; } = 1;

    /// <summary>
    /// When set, sentences of queries that arrive together reach the text encoder as one batch (see
    /// <see cref="TextEncodeBatcher"/>); null: each query runs the encoder itself, which is right for one query at a time.
    /// </summary>
    public TextBatchOptions? TextBatch { get; init; }

    /// <summary>How the words read inside images (<c>itm index --ocr</c>) add to search scores.</summary>
    public WordMatchOptions Words { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Readers, 1, nameof(Readers));
        ArgumentOutOfRangeException.ThrowIfNegative(SentenceCacheSize, nameof(SentenceCacheSize));
        if (TorchThreads is int threads)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(TorchThreads));
        }

        TextBatch?.Validate();
        Words.Validate();
    }
}
