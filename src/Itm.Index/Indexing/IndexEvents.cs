namespace Itm.Index.Indexing;

/// <summary>The stages of an indexing run, in order.</summary>
public enum IndexStage
{
    Scan,
    RemoveDeleted,
    EmbedImages,
    ReadWords,
    EmbedCaptions,
    Compact,
    BuildGraph,
    SyncGarnet,
}

/// <summary>What an indexing run reports; the CLI renders these as progress bars and lines.</summary>
public abstract record IndexEvent;

public sealed record IndexStageStarted(IndexStage Stage, string Description, int Total = 0) : IndexEvent;

public sealed record IndexStageAdvanced(IndexStage Stage, int Done, int Total) : IndexEvent;

public sealed record IndexStageFinished(IndexStage Stage, string Summary) : IndexEvent;

/// <summary>Something the user should know that is not a stage: work recovered from an interrupted run, skipped files.</summary>
public sealed record IndexNotice(string Message) : IndexEvent;
