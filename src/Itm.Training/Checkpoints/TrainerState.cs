using Itm.Evaluation;

namespace Itm.Training.Checkpoints;

/// <summary>What a checkpoint remembers besides the weights, so a resumed run continues exactly where it left off.</summary>
/// <param name="OptionsFingerprint">Training is only resumed with the same options and data it started with.</param>
public sealed record TrainerState(
    int CompletedEpochs,
    int BestEpoch,
    double BestRSum,
    int EpochsWithoutImprovement,
    string OptionsFingerprint,
    TrainingHistory History);
