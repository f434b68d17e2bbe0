using System.Diagnostics;
using Itm.Index.Indexing;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// The micro-batcher merges sentences that arrive together into one call of the encoder, hands each caller its own rows
/// (the model's own rows for each sentence, up to float rounding), never holds a lone sentence past the window, and
/// passes an encoder failure to every caller of that batch while the next batch is encoded as usual.
/// </summary>
[Collection("Sequential")]
public sealed class TextEncodeBatcherTests : IClassFixture<IndexedFolder>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly IndexedFolder folder;

    public TextEncodeBatcherTests(IndexedFolder folder)
    {
        this.folder = folder;
    }

    [Fact]
    public async Task Concurrent_encodes_are_merged_and_each_caller_gets_the_models_own_row()
    {
        using var model = new ModelEmbedders(folder.ModelDir, folder.Cache);
        string[] sentences = [.. TinyModel.Sentences, "a green square", "nothing at all"];
        var unbatched = sentences.Select(s => model.Embed([s])).ToList();
        var counting = new CountingEncoder(model);
        // A window far longer than the callers take to arrive: the batch closes because it is full.
        using var batcher = new TextEncodeBatcher(counting, new TextBatchOptions { Window = TimeSpan.FromSeconds(1), MaxBatch = sentences.Length });

        var rows = await Task.WhenAll(sentences.Select(s => OnItsOwnThread(() => batcher.Embed([s])))).WaitAsync(Patience);

        Assert.Equal(1, counting.Calls);
        Assert.Equal([sentences.Length], counting.BatchSizes);
        Assert.Equal(1, batcher.Batches);
        for (int i = 0; i < sentences.Length; i++)
        {
            Assert.Equal(unbatched[i].Length, rows[i].Length);
            for (int d = 0; d < rows[i].Length; d++)
            {
                Assert.Equal(unbatched[i][d], rows[i][d], 1e-5f);
            }
        }
    }

    [Fact]
    public async Task A_caller_with_several_sentences_gets_its_rows_in_order_among_other_callers()
    {
        var counting = new CountingEncoder(new CharacterEncoder());
        using var batcher = new TextEncodeBatcher(counting, new TextBatchOptions { Window = TimeSpan.FromSeconds(1), MaxBatch = 5 });

        var rows = await Task.WhenAll(
            OnItsOwnThread(() => batcher.Embed(["one", "two", "three"])),
            OnItsOwnThread(() => batcher.Embed(["four", "five"]))).WaitAsync(Patience);

        Assert.Equal(1, counting.Calls);
        Assert.Equal(new CharacterEncoder().Embed(["one", "two", "three"]), rows[0]);
        Assert.Equal(new CharacterEncoder().Embed(["four", "five"]), rows[1]);
    }

    [Fact]
    public async Task A_lone_request_is_encoded_when_the_window_closes_not_later()
    {
        var window = TimeSpan.FromMilliseconds(200);
        using var batcher = new TextEncodeBatcher(new CharacterEncoder(), new TextBatchOptions { Window = window, MaxBatch = 32 });

        var clock = Stopwatch.StartNew();
        float[] row = await OnItsOwnThread(() => batcher.Embed(["alone"])).WaitAsync(Patience);
        clock.Stop();

        Assert.Equal(new CharacterEncoder().Embed(["alone"]), row);
        // It waits out the window for company that never comes, and not much more (a busy machine adds scheduling delay).
        Assert.InRange(clock.Elapsed, window - TimeSpan.FromMilliseconds(20), window + TimeSpan.FromMilliseconds(700));
    }

    [Fact]
    public async Task A_full_batch_is_encoded_without_waiting_out_the_window()
    {
        using var batcher = new TextEncodeBatcher(new CharacterEncoder(), new TextBatchOptions { Window = TimeSpan.FromSeconds(1), MaxBatch = 1 });

        var clock = Stopwatch.StartNew();
        await OnItsOwnThread(() => batcher.Embed(["full at once"])).WaitAsync(Patience);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(700), $"A batch of one waited {clock.Elapsed.TotalMilliseconds} ms for a second sentence it had no room for.");
    }

    [Fact]
    public async Task An_encoder_failure_reaches_every_caller_of_its_batch_and_the_next_batch_is_encoded()
    {
        var counting = new CountingEncoder(new CharacterEncoder());
        using var batcher = new TextEncodeBatcher(counting, new TextBatchOptions { Window = TimeSpan.FromSeconds(1), MaxBatch = 3 });

        var calls = new[] { "poison", "a", "b" }.Select(s => OnItsOwnThread(() => batcher.Embed([s]))).ToList();
        await Task.WhenAny(Task.WhenAll(calls), Task.Delay(Patience));

        Assert.All(calls, call => Assert.Equal("poison in the batch", Assert.IsType<InvalidOperationException>(call.Exception?.InnerException).Message));
        Assert.Equal(1, counting.Calls);
        Assert.Equal(new CharacterEncoder().Embed(["a"]), await OnItsOwnThread(() => batcher.Embed(["a"])).WaitAsync(Patience));
    }

    [Fact]
    public async Task Disposing_encodes_what_is_waiting_and_then_refuses()
    {
        var batcher = new TextEncodeBatcher(new CharacterEncoder(), new TextBatchOptions { Window = TimeSpan.FromSeconds(1), MaxBatch = 32 });
        var waiting = OnItsOwnThread(() => batcher.Embed(["waiting"]));
        while (batcher.Waiting == 0)
        {
            await Task.Delay(5);
        }

        batcher.Dispose();

        Assert.Equal(new CharacterEncoder().Embed(["waiting"]), await waiting.WaitAsync(Patience));
        Assert.Throws<ObjectDisposedException>(() => batcher.Embed(["late"]));
    }

    /// <summary>Callers block until their batch is encoded, so each gets a thread of its own rather than the pool's few.</summary>
    private static Task<T> OnItsOwnThread<T>(Func<T> call) => Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Counts the calls that reach the encoder and the size of each; fails any batch holding "poison".</summary>
    private sealed class CountingEncoder(ITextEmbedder inner) : ITextEmbedder
    {
        private readonly List<int> sizes = [];

        public int Calls => sizes.Count;

        public IReadOnlyList<int> BatchSizes => sizes;

        public float[] Embed(IReadOnlyList<string> sentences)
        {
            sizes.Add(sentences.Count);
            return sentences.Contains("poison") ? throw new InvalidOperationException("poison in the batch") : inner.Embed(sentences);
        }
    }

    /// <summary>A 2-d row per sentence made from its characters: the right row for each caller is known by construction.</summary>
    private sealed class CharacterEncoder : ITextEmbedder
    {
        public float[] Embed(IReadOnlyList<string> sentences) => sentences.SelectMany(s => new[] { s.Length, (float)s.Sum(c => c) }).ToArray();
    }
}
