using System.Diagnostics;
using Itm.Index.Indexing;

namespace Itm.Search.Queries;

/// <summary>
/// Merges the sentences of requests that arrive together into one call of the text encoder (<see cref="TextBatchOptions"/>):
/// a caller's sentences join the waiting batch, one thread runs the batch, and each caller gets its own rows back. The
/// encoder is only ever called from that thread, one batch at a time, so it need not be thread-safe. A batch's rows
/// equal each sentence encoded alone up to float rounding (matrix kernels sum in another order for another batch size).
/// An encoder failure is thrown to every caller of that batch; the next batch is tried afresh.
/// </summary>
internal sealed class TextEncodeBatcher : ITextEmbedder, IDisposable
{
    private readonly ITextEmbedder encoder;
    private readonly TextBatchOptions options;
    private readonly long windowTicks;
    private readonly Queue<Request> waiting = new();
    private readonly Thread worker;

    // A monitor rather than a Lock: the worker waits on it with a timeout, until the window closes or a batch is full.
    private readonly object gate = new();
    private int waitingSentences;
    private bool stopping;
    private long batches;

    public TextEncodeBatcher(ITextEmbedder encoder, TextBatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.encoder = encoder;
        this.options = options;
        windowTicks = (long)(options.Window.TotalSeconds * Stopwatch.Frequency);
        worker = new Thread(Run) { IsBackground = true, Name = "itm text batcher" };
        worker.Start();
    }

    /// <summary>How many times the encoder has been called: fewer than the requests when they were merged.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Sentences waiting for a batch to take them (not those being encoded).</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waitingSentences;
            }
        }
    }

    /// <summary>The rows of <paramref name="sentences"/> (row-major, one per sentence), encoded in whichever batch they joined.</summary>
    public float[] Embed(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0)
        {
            return [];
        }

        var request = new Request(sentences, Stopwatch.GetTimestamp());
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            waiting.Enqueue(request);
            waitingSentences += sentences.Count;
            Monitor.Pulse(gate);
        }

        // The worker is a thread of its own, so blocking here never starves what completes the wait.
        return request.Rows.Task.GetAwaiter().GetResult();
    }

    /// <summary>Encodes what is already waiting, then stops; a request after this throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            stopping = true;
            Monitor.PulseAll(gate);
        }

        if (Thread.CurrentThread != worker)
        {
            worker.Join();
        }
    }

    private void Run()
    {
        while (NextBatch() is { } batch)
        {
            Encode(batch);
        }
    }

    /// <summary>Waits for a first request, then for others until the window from its arrival closes or the batch is full; null once stopped and drained.</summary>
    private List<Request>? NextBatch()
    {
        lock (gate)
        {
            while (waiting.Count == 0)
            {
                if (stopping)
                {
                    return null;
                }

                Monitor.Wait(gate);
            }

            // The window counts from the first request's arrival: one that queued behind a long batch has waited enough.
            long deadline = waiting.Peek().Arrived + windowTicks;
            while (!stopping && waitingSentences < options.MaxBatch)
            {
                long left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0)
                {
                    break;
                }

                Monitor.Wait(gate, TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            }

            // At least the first request, however many sentences it has; then whole requests while they fit.
            var batch = new List<Request> { waiting.Dequeue() };
            int size = batch[0].Sentences.Count;
            while (waiting.Count > 0 && size + waiting.Peek().Sentences.Count <= options.MaxBatch)
            {
                var next = waiting.Dequeue();
                size += next.Sentences.Count;
                batch.Add(next);
            }

            waitingSentences -= size;
            return batch;
        }
    }

    private void Encode(List<Request> batch)
    {
        var sentences = batch.SelectMany(r => r.Sentences).ToList();
        float[] rows;
        try
        {
            Interlocked.Increment(ref batches);
            rows = encoder.Embed(sentences);
        }
        catch (Exception e)
        {
            foreach (var request in batch)
            {
                request.Rows.TrySetException(e);
            }

            return;
        }

        int width = rows.Length / sentences.Count;
        int start = 0;
        foreach (var request in batch)
        {
            int length = request.Sentences.Count * width;
            request.Rows.TrySetResult(rows.AsSpan(start, length).ToArray());
            start += length;
        }
    }

    private sealed record Request(IReadOnlyList<string> Sentences, long Arrived)
    {
        public TaskCompletionSource<float[]> Rows { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
