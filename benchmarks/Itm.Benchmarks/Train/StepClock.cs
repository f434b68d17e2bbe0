using System.Diagnostics;
using Itm.Training;

namespace Itm.Benchmarks.Train;

/// <summary>
/// Timestamps every training step as the trainer reports it (synchronously, on the training thread), and cancels the
/// run once enough steps are done, so no step after the last timed window is paid for.
/// </summary>
public sealed class StepClock : IProgress<TrainingEvent>, IDisposable
{
    private readonly int stepsWanted;
    private readonly CancellationTokenSource stop = new();
    private readonly List<long> stepEnds = [];
    private readonly List<TimeSpan> cpuEnds = [];
    private readonly List<double> losses = [];

    public StepClock(int stepsWanted)
    {
        this.stepsWanted = stepsWanted;
        Start = Stopwatch.GetTimestamp();
        CpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public long Start { get; }

    public TimeSpan CpuStart { get; }

    public CancellationToken Cancellation => stop.Token;

    /// <summary>Timestamp at which each step (0-based, over the epochs) completed.</summary>
    public IReadOnlyList<long> StepEnds => stepEnds;

    /// <summary>The process's CPU time (all threads) when each step completed.</summary>
    public IReadOnlyList<TimeSpan> CpuEnds => cpuEnds;

    /// <summary>Each step's loss: a check that the peer trains the same objective (similar values, not equal: other initial weights).</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>The rate the last step reported, which is what <c>itm train</c> shows in its progress line.</summary>
    public double LastReportedPairsPerSecond { get; private set; }

    public void Report(TrainingEvent value)
    {
        if (value is not StepCompleted step)
        {
            return;
        }

        stepEnds.Add(Stopwatch.GetTimestamp());
        cpuEnds.Add(Process.GetCurrentProcess().TotalProcessorTime);
        LastReportedPairsPerSecond = step.PairsPerSecond;
        losses.Add(step.Loss);
        if (stepEnds.Count >= stepsWanted)
        {
            stop.Cancel();
        }
    }

    public void Dispose() => stop.Dispose();
}
