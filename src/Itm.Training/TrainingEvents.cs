using Itm.Evaluation;

namespace Itm.Training;

/// <summary>What the loop reports; the console, logs and any UI subscribe through <see cref="IProgress{T}"/>.</summary>
public abstract record TrainingEvent;

/// <summary>After each optimisation step.</summary>
public sealed record StepCompleted(int Epoch, int Step, int StepsPerEpoch, double Loss, double PairsPerSecond) : TrainingEvent;

/// <summary>After each epoch's validation.</summary>
public sealed record EpochCompleted(EpochRecord Record, bool IsBest, int EpochsWithoutImprovement) : TrainingEvent;

/// <summary>
/// After each epoch that masks identical captions: how many in-batch (anchor, candidate) pairs of different images
/// shared one sentence and so were not counted as negatives (per direction; each term masks the same pairs).
/// </summary>
public sealed record IdenticalCaptionsMasked(int Epoch, long InBatchPairs) : TrainingEvent;

/// <summary>Training picked up from a checkpoint instead of starting fresh.</summary>
public sealed record Resumed(int CompletedEpochs) : TrainingEvent;

/// <summary>Training ended before the last epoch because validation stopped improving.</summary>
public sealed record StoppedEarly(int Epoch, int BestEpoch) : TrainingEvent;
