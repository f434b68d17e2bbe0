using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Indexing;

/// <summary>
/// Kill an indexing run anywhere, as often as you like, run it again: the index ends up exactly as one uninterrupted
/// run leaves it. Interruptions are drawn at random (seeded): cancellation between batches, cancellation and failures
/// inside a batch, crashes between the vector fsync and the catalog commit and inside the catalog transaction, and
/// torn writes (garbage appended past the committed vectors).
/// </summary>
public sealed class ResumabilityTests : IDisposable
{
    private const int Images = 61;
    private static readonly IndexerOptions Options = new() { BatchSize = 5, CompactWhenDeadFraction = 1 };
    private readonly TempFolder temp = new();
    private readonly ImageFolder images;

    public ResumabilityTests()
    {
        images = new ImageFolder(temp.PathOf("images"));
        images.WriteMany(Images);
        images.Write("c/broken.png", "broken on purpose");
    }

    public void Dispose() => temp.Dispose();

    private enum Interruption
    {
        CancelBetweenBatches,
        CancelInsideBatch,
        FailInsideBatch,
        CrashAfterVectorsSynced,
        CrashInsideCatalogTransaction,
        CrashAndTornWrite,
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_run_interrupted_at_random_points_ends_equal_to_an_uninterrupted_one(int seed)
    {
        string reference = temp.PathOf($"reference-{seed}");
        TestIndex.Run(reference, images.Root, new FakeEmbedder(), Options);

        string resumed = temp.PathOf($"resumed-{seed}");
        var random = new Random(seed);

        // Every kind of interruption once, in a random order, then random ones until a run gets through. Each
        // interrupted run commits at most two of the 13 batches, so all six kinds strike before the work runs out.
        var kinds = Enum.GetValues<Interruption>().OrderBy(_ => random.Next()).ToList();
        var struck = new HashSet<Interruption>();
        bool finished = false;
        for (int attempt = 0; attempt < 60 && !finished; attempt++)
        {
            var kind = attempt < kinds.Count ? kinds[attempt] : (Interruption)random.Next(kinds.Count);
            finished = RunOnce(resumed, kind, atBatch: random.Next(2), out bool interrupted);
            if (interrupted)
            {
                struck.Add(kind);
            }
        }

        Assert.True(finished, "the indexer never finished");
        Assert.Equal(kinds.Order(), struck.Order());
        AssertSameIndex(reference, resumed);
    }

    /// <summary>One run that is interrupted at its <paramref name="atBatch"/>-th batch, if it gets that far.</summary>
    /// <returns>True when the run completed.</returns>
    private bool RunOnce(string db, Interruption kind, int atBatch, out bool interrupted)
    {
        using var cancellation = new CancellationTokenSource();
        int batches = 0;
        var embedder = new FakeEmbedder
        {
            BeforeBatch = _ =>
            {
                if (batches++ != atBatch)
                {
                    return;
                }

                if (kind == Interruption.CancelInsideBatch)
                {
                    cancellation.Cancel(); // seen by the embedder at its first file
                }
                else if (kind == Interruption.FailInsideBatch)
                {
                    throw new IOException("disk went away while embedding");
                }
            },
        };

        // Cancelled once the batch is committed: the indexer stops at the top of its loop.
        int boundary = (atBatch + 1) * Options.BatchSize;
        var progress = new Relay(e =>
        {
            if (kind == Interruption.CancelBetweenBatches && e is IndexStageAdvanced { Stage: IndexStage.EmbedImages } advanced && advanced.Done == boundary)
            {
                cancellation.Cancel();
            }
        });

        int commits = 0;
        string? tornFile = null;
        using (var folder = IndexFolder.Open(db, TestIndex.Identity(images.Root), reembed: false))
        {
            folder.FaultInjection = phase =>
            {
                bool crashHere = (kind, phase) switch
                {
                    (Interruption.CrashAfterVectorsSynced or Interruption.CrashAndTornWrite, CommitPhase.VectorsSynced) => true,
                    (Interruption.CrashInsideCatalogTransaction, CommitPhase.CatalogWritten) => true,
                    _ => false,
                };
                if (crashHere && commits++ == atBatch)
                {
                    throw new SimulatedCrash();
                }
            };

            try
            {
                new IncrementalIndexer(folder, embedder, embedder, Options).Run(null, progress, cancellation.Token);
                interrupted = false;
                return true;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SimulatedCrash)
            {
                interrupted = true;
                tornFile = kind == Interruption.CrashAndTornWrite
                    ? IndexFiles.Vectors(folder.Folder, VectorCollection.Images, folder.State.Images.Generation)
                    : null;
            }
        }

        if (tornFile is not null)
        {
            // The process died in the middle of the next append: part of a row lands past the committed ones.
            using var stream = new FileStream(tornFile, FileMode.Append);
            stream.Write([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        }

        return false;
    }

    private static void AssertSameIndex(string expected, string actual)
    {
        var a = TestIndex.Contents(expected);
        var b = TestIndex.Contents(actual);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, (image, vector)) in a)
        {
            var other = b[path];
            Assert.Equal(image with { Id = 0 }, other.Image with { Id = 0 });
            Assert.Equal(vector, other.Vector);
        }

        // Not only the same answers: the same bytes, with no duplicated or orphaned rows.
        Assert.Equal(
            File.ReadAllBytes(IndexFiles.Vectors(expected, VectorCollection.Images, 1)),
            File.ReadAllBytes(IndexFiles.Vectors(actual, VectorCollection.Images, 1)));
        Assert.Equal(Images + 1, b.Count);

        // And the checksums recorded along the way, across every crash, vouch for exactly those bytes.
        var verification = IndexVerifier.Verify(actual);
        Assert.True(verification.IsWhole, string.Join("\n", verification.Problems));
        Assert.True(verification.Checksummed);
    }

    private sealed class SimulatedCrash : Exception;

    private sealed class Relay(Action<IndexEvent> handler) : IProgress<IndexEvent>
    {
        public void Report(IndexEvent value) => handler(value);
    }
}
