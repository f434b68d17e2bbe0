using Itm.Data;
using Itm.Evaluation;
using Itm.Model.Losses;
using Itm.Model.Sampling;
using Itm.Training.Checkpoints;
using Xunit.Abstractions;

namespace Itm.Training.Tests;

/// <summary>
/// Kill training anywhere, as often as you like, run it again: it ends with exactly the weights, history and best epoch
/// of a run never interrupted, each epoch recorded once. Interruptions are drawn at random (seeded): cancellation
/// between steps, an exception thrown inside an epoch after an optimizer step, and crashes at every point of a
/// checkpoint write, with the file being written torn in half. After every interruption the checkpoint that
/// <c>latest</c> names must still load, with a history of exactly its epochs.
/// </summary>
[Collection("Sequential")]
public sealed class TrainerCrashResumeTests : IDisposable
{
    private const int Epochs = 6;
    private const int Interruptions = 14;
    private readonly string folder = Directory.CreateTempSubdirectory("itm-crash-resume-").FullName;
    private readonly ITestOutputHelper output;

    public TrainerCrashResumeTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private enum Interruption
    {
        CancelBetweenSteps,
        ThrowInsideEpoch,
        CrashWritingWeights,
        CrashWritingOptimizerState,
        CrashWritingStateFile,
        CrashAfterRenameBeforeLatest,
        CrashAfterLatestBeforeCleanup,
        CrashWritingBestWeights,
    }

    private static TrainerOptions Options() => new()
    {
        Epochs = Epochs,
        BatchSize = 8,
        LearningRate = 0.01,
        Patience = 100,
        Seed = 11,
        Loss = new LossOptions(LossKind.Hardest),
        // Random negatives draw from the run's random generator on every step: the hardest state to resume exactly.
        Negatives = NegativeSampling.Parse("random:4", Direction.Both),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Training_interrupted_at_random_points_resumes_to_exactly_the_uninterrupted_model(int seed)
    {
        using var data = TinyMatchingData.Create(16, seed: 1);
        using var straight = TinyMatchingData.Model(seed: 2);
        var expected = Trainer.Run(straight, data, data, Options(), new CheckpointStore(Path.Combine(folder, $"straight-{seed}")), "f");

        var store = new CheckpointStore(Path.Combine(folder, $"interrupted-{seed}"));
        var random = new Random(seed);
        var kinds = Enum.GetValues<Interruption>().OrderBy(_ => random.Next()).ToList();
        var struck = new List<Interruption>();
        for (int attempt = 0; struck.Count < Interruptions && attempt < 100; attempt++)
        {
            var kind = attempt < kinds.Count ? kinds[attempt] : kinds[random.Next(kinds.Count)];
            int done = store.PeekLatest()?.CompletedEpochs ?? 0;
            if (done == Epochs)
            {
                break;
            }

            int atEpoch = Math.Min(Epochs, done + 1 + random.Next(2));
            if (InterruptOnce(data, store, kind, atEpoch, atStep: random.Next(1, 4)))
            {
                struck.Add(kind);
                AssertLatestCheckpointIsWhole(store, atLeast: done);
            }
        }

        // Then the same command once more, in a new process, runs to the end.
        using var resumed = TinyMatchingData.Model(seed: 2);
        var actual = Trainer.Run(resumed, data, data, Options(), store, "f");

        output.WriteLine($"seed {seed}: {struck.Count} interruptions struck: {string.Join(", ", struck)}");
        Assert.True(struck.Count >= kinds.Count, $"only {struck.Count} interruptions struck");
        Assert.Equal(kinds.Order(), struck.Distinct().Order());
        TinyMatchingData.AssertSameWeights(straight, resumed);
        Assert.Equal(Summary(expected.History), Summary(actual.History));
        Assert.Equal(expected.BestEpoch, actual.BestEpoch);
        Assert.Equal(expected.BestRSum, actual.BestRSum);
        Assert.Equal(Enumerable.Range(1, Epochs), actual.History.Epochs.Select(e => e.Epoch));
    }

    /// <summary>One run of the command, interrupted as <paramref name="kind"/> says once it reaches <paramref name="atEpoch"/>.</summary>
    /// <returns>True when the interruption struck (the run did not finish).</returns>
    private static bool InterruptOnce(TrainingData data, CheckpointStore store, Interruption kind, int atEpoch, int atStep)
    {
        // Each run is a new process: a new model, initialised from the seed as the command does, then the checkpoint.
        using var model = TinyMatchingData.Model(seed: 2);
        using var cancellation = new CancellationTokenSource();
        int epoch = 0;
        var progress = new InlineProgress<TrainingEvent>(e =>
        {
            if (e is not StepCompleted step)
            {
                return;
            }

            epoch = step.Epoch;
            if (step.Epoch == atEpoch && step.Step == Math.Min(atStep, step.StepsPerEpoch))
            {
                if (kind == Interruption.CancelBetweenSteps)
                {
                    cancellation.Cancel();
                }
                else if (kind == Interruption.ThrowInsideEpoch)
                {
                    throw new SimulatedCrash();
                }
            }
        });

        var phase = kind switch
        {
            Interruption.CrashWritingWeights => CheckpointWritePhase.WeightsWritten,
            Interruption.CrashWritingOptimizerState => CheckpointWritePhase.OptimizerWritten,
            Interruption.CrashWritingStateFile => CheckpointWritePhase.StateWritten,
            Interruption.CrashAfterRenameBeforeLatest => CheckpointWritePhase.FolderRenamed,
            Interruption.CrashAfterLatestBeforeCleanup => CheckpointWritePhase.LatestReplaced,
            Interruption.CrashWritingBestWeights => CheckpointWritePhase.BestWeightsWritten,
            _ => (CheckpointWritePhase?)null,
        };
        store.FaultInjection = (at, path) =>
        {
            if (at == phase && epoch >= atEpoch)
            {
                // A file still being written is torn; after a rename or a replace there is nothing half-written to tear.
                if (at is not (CheckpointWritePhase.FolderRenamed or CheckpointWritePhase.LatestReplaced))
                {
                    Tear(path);
                }

                throw new SimulatedCrash();
            }
        };

        try
        {
            Trainer.Run(model, data, data, Options(), store, "f", progress, cancellation.Token);
            return false;
        }
        catch (Exception e) when (e is OperationCanceledException or SimulatedCrash)
        {
            return true;
        }
        finally
        {
            store.FaultInjection = null;
        }
    }

    /// <summary>The process died while writing this file: only its first half reached the disk.</summary>
    private static void Tear(string path)
    {
        if (File.Exists(path))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            stream.SetLength(stream.Length / 2);
        }
    }

    /// <summary>What <c>latest</c> names loads into a model, and its history holds each of its epochs once.</summary>
    private static void AssertLatestCheckpointIsWhole(CheckpointStore store, int atLeast)
    {
        var peek = store.PeekLatest();
        if (atLeast == 0 && peek is null)
        {
            return;
        }

        Assert.NotNull(peek);
        using var model = TinyMatchingData.Model(seed: 5);
        using var optimizer = TorchSharp.torch.optim.Adam(model.parameters());
        var state = store.TryRestoreLatest(model, optimizer);
        Assert.NotNull(state);
        Assert.InRange(state.CompletedEpochs, atLeast, Epochs);
        Assert.Equal(Enumerable.Range(1, state.CompletedEpochs), state.History.Epochs.Select(e => e.Epoch));
    }

    /// <summary>Everything an epoch record holds but its wall time.</summary>
    private static List<(int, double, double, double)> Summary(TrainingHistory history) =>
        [.. history.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.ValRSum, e.LearningRate))];

    private sealed class SimulatedCrash : Exception;
}
