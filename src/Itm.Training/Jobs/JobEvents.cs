namespace Itm.Training.Jobs;

/// <summary>The stages of a train or eval job, in order.</summary>
public enum JobStage
{
    ReadDataset,
    BuildText,

    /// <summary>Sentences through a pretrained sentence encoder (minilm), once per job, before training.</summary>
    EncodeText,
    ExtractImages,
    Train,
    Evaluate,

    /// <summary>Search scores calibrated to probabilities on the validation split.</summary>
    Calibrate,
    Save,
}

/// <summary>What a job reports; the CLI renders these as progress bars and lines.</summary>
public abstract record JobEvent;

public sealed record StageStarted(JobStage Stage, string Description, int Total = 0) : JobEvent;

public sealed record StageAdvanced(JobStage Stage, int Done, int Total) : JobEvent;

public sealed record StageFinished(JobStage Stage, string Summary) : JobEvent;

public sealed record TrainingProgressed(TrainingEvent Event) : JobEvent;
