namespace Itm.Training.Checkpoints;

/// <summary>The points inside a checkpoint write where a crash is most interesting; tests tear files and fail there.</summary>
internal enum CheckpointWritePhase
{
    /// <summary>The weights are in the new checkpoint's temporary folder (the path given); nothing else is.</summary>
    WeightsWritten,

    /// <summary>The optimizer state is in the temporary folder too (the path given).</summary>
    OptimizerWritten,

    /// <summary>The state file is in the temporary folder too (the path given): the folder is whole but not yet in place.</summary>
    StateWritten,

    /// <summary>The folder is renamed into place (the path given); <c>latest</c> still names the previous checkpoint.</summary>
    FolderRenamed,

    /// <summary><c>latest</c> names the new checkpoint; the older ones are not yet deleted.</summary>
    LatestReplaced,

    /// <summary>The best weights are in their temporary file (the path given), not yet renamed over the previous best.</summary>
    BestWeightsWritten,
}
