using CsCheck;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Indexing;

/// <summary>
/// Whatever happened to an index (files added, changed, deleted and made unreadable between runs; runs that compact;
/// runs cut short by a crash at any commit phase or by cancellation), one more clean run leaves it equal to a fresh
/// build of the folder as it is now. The histories are random and shrunk to a smallest failing one by CsCheck; a
/// failure prints the seed that replays it (<c>Sample(..., seed: "...")</c>).
/// </summary>
public sealed class IndexHistoryPropertyTests
{
    private const int Slots = 10;
    private static readonly IndexerOptions KeepDeadRows = new() { BatchSize = 3, CompactWhenDeadFraction = 1 };
    private static readonly IndexerOptions CompactAnyDeadRow = new() { BatchSize = 3, CompactWhenDeadFraction = 0 };

    private abstract record Step;

    /// <summary>Writes slot <paramref name="Slot"/> (adding or changing it); version 0 writes a file no model can read.</summary>
    private sealed record Write(int Slot, int Version) : Step;

    private sealed record Delete(int Slot) : Step;

    private sealed record Run(bool Compact) : Step;

    /// <summary>A run that dies at <paramref name="Phase"/> of its <paramref name="AtCommit"/>-th commit, if it gets that far.</summary>
    private sealed record Crash(CommitPhase Phase, int AtCommit, bool Compact) : Step;

    /// <summary>A run cancelled inside its <paramref name="AtBatch"/>-th batch, if it gets that far.</summary>
    private sealed record Cancel(int AtBatch) : Step;

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (4, Gen.Select(Gen.Int[0, Slots - 1], Gen.Int[0, 4], (slot, version) => (Step)new Write(slot, version))),
        (2, Gen.Int[0, Slots - 1].Select(slot => (Step)new Delete(slot))),
        (2, Gen.Bool.Select(compact => (Step)new Run(compact))),
        (2, Gen.Select(Gen.Enum<CommitPhase>(), Gen.Int[0, 3], Gen.Bool, (phase, at, compact) => (Step)new Crash(phase, at, compact))),
        (1, Gen.Int[0, 3].Select(at => (Step)new Cancel(at))));

    [Fact]
    public void After_any_history_a_clean_run_equals_a_fresh_build_of_the_final_folder()
    {
        Steps.List[1, 24].Sample(history =>
        {
            using var temp = new TempFolder();
            var images = new ImageFolder(temp.PathOf("images"));
            string db = temp.PathOf("db");
            foreach (var step in history)
            {
                Apply(step, images, db);
            }

            TestIndex.Run(db, images.Root, new FakeEmbedder(), KeepDeadRows);
            string fresh = temp.PathOf("fresh");
            TestIndex.Run(fresh, images.Root, new FakeEmbedder(), KeepDeadRows);

            AssertSameContents(fresh, db);
            var verification = IndexVerifier.Verify(db);
            Assert.True(verification.IsWhole, string.Join("\n", verification.Problems));
        }, iter: 60, print: history => string.Join(", ", history));
    }

    private static void Apply(Step step, ImageFolder images, string db)
    {
        switch (step)
        {
            case Write(int slot, int version):
                images.Write(SlotPath(slot), version == 0 ? $"broken {slot}" : $"image {slot} version {version}");
                break;
            case Delete(int slot) when File.Exists(Path.Combine(images.Root, SlotPath(slot))):
                File.Delete(Path.Combine(images.Root, SlotPath(slot)));
                break;
            case Delete:
                break;
            case Run(bool compact):
                TestIndex.Run(db, images.Root, new FakeEmbedder(), compact ? CompactAnyDeadRow : KeepDeadRows);
                break;
            case Crash crash:
                RunAndCrash(db, images.Root, crash);
                break;
            case Cancel(int atBatch):
                RunAndCancel(db, images.Root, atBatch);
                break;
            default:
                throw new InvalidOperationException($"Unknown step {step}.");
        }
    }

    private static string SlotPath(int slot) => $"{(char)('a' + (slot % 3))}/slot{slot}.png";

    private static void RunAndCrash(string db, string root, Crash crash)
    {
        int commits = 0;
        using var folder = IndexFolder.Open(db, TestIndex.Identity(root), reembed: false);
        folder.FaultInjection = phase =>
        {
            if (phase == crash.Phase && commits++ == crash.AtCommit)
            {
                throw new SimulatedCrash();
            }
        };

        try
        {
            var embedder = new FakeEmbedder();
            new IncrementalIndexer(folder, embedder, embedder, crash.Compact ? CompactAnyDeadRow : KeepDeadRows).Run(null, null, CancellationToken.None);
        }
        catch (SimulatedCrash)
        {
            // The process died here; the next run must pick up from whatever reached the disk.
        }
    }

    private static void RunAndCancel(string db, string root, int atBatch)
    {
        using var cancellation = new CancellationTokenSource();
        int batches = 0;
        var embedder = new FakeEmbedder
        {
            BeforeBatch = _ =>
            {
                if (batches++ == atBatch)
                {
                    cancellation.Cancel();
                }
            },
        };

        try
        {
            TestIndex.Run(db, root, embedder, KeepDeadRows, cancellation: cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user; the batches committed before stay.
        }
    }

    /// <summary>The same images with the same size, time, readability and vector; rows and ids may differ with history.</summary>
    private static void AssertSameContents(string expected, string actual)
    {
        var a = TestIndex.Contents(expected);
        var b = TestIndex.Contents(actual);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, (image, vector)) in a)
        {
            var other = b[path];
            Assert.Equal(image with { Id = 0, VectorRow = image.VectorRow is null ? null : 0 }, other.Image with { Id = 0, VectorRow = other.Image.VectorRow is null ? null : 0 });
            Assert.Equal(vector, other.Vector);
        }
    }

    private sealed class SimulatedCrash : Exception;
}
