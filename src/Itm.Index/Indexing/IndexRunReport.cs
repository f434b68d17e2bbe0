using Itm.Index.Nearest;
using Itm.Index.Scanning;

namespace Itm.Index.Indexing;

/// <summary>What an indexing run found and did.</summary>
/// <param name="Scanned">Image files under the folder.</param>
/// <param name="New">Files seen for the first time.</param>
/// <param name="Changed">Files whose size or modification time changed, embedded again.</param>
/// <param name="Deleted">Files gone since the last run, dropped from the index.</param>
/// <param name="Unchanged">Files left as they were.</param>
/// <param name="Embedded">Images embedded by this run.</param>
/// <param name="Unreadable">Files this run could not read (skipped, named).</param>
/// <param name="StillUnreadable">Unchanged files an earlier run could not read (not tried again).</param>
/// <param name="Images">Searchable images in the index now.</param>
/// <param name="Captions">Captions in the index now.</param>
/// <param name="RecoveredBytes">Uncommitted vector bytes of an interrupted run that opening cut off.</param>
/// <param name="CompactedRows">Dead vector rows removed by compaction.</param>
/// <param name="ImageSearch">The structure image queries will use.</param>
public sealed record IndexRunReport(
    int Scanned,
    int New,
    int Changed,
    int Deleted,
    int Unchanged,
    int Embedded,
    IReadOnlyList<UnreadableImage> Unreadable,
    IReadOnlyList<UnreadableImage> StillUnreadable,
    int CaptionsAdded,
    int CaptionsRemoved,
    long Images,
    long Captions,
    long RecoveredBytes,
    long CompactedRows,
    VectorIndexKind ImageSearch,
    TimeSpan Elapsed)
{
    /// <summary>
    /// What the scan left out on purpose, named with the reason: symbolic links to files outside the images folder,
    /// linked folders (never followed, so a link to a parent cannot loop) and link loops.
    /// </summary>
    public IReadOnlyList<SkippedEntry> Skipped { get; init; } = [];

    /// <summary>Images an ignore rule (.itmignore or <c>--exclude</c>) left out, not counting those in <see cref="IgnoredFolders"/>.</summary>
    public int IgnoredFiles { get; init; }

    /// <summary>Folders an ignore rule left out; the scan did not enter them.</summary>
    public int IgnoredFolders { get; init; }

    /// <summary>Images indexed by an earlier run that an ignore rule now leaves out, removed by this run (not counted in <see cref="Deleted"/>).</summary>
    public int IgnoredRemoved { get; init; }

    /// <summary>.itmignore files that could not be read (or lead out of the images folder), with why; the scan went on without their rules.</summary>
    public IReadOnlyList<SkippedEntry> UnreadableRules { get; init; } = [];

    /// <summary>Captions the corpus left out (not valid UTF-8, over the length limit, invalid in a dataset); each is named in a notice.</summary>
    public int CaptionsSkipped { get; init; }

    /// <summary>Whether the index's image vectors are centred on the collection's mean (<see cref="IndexerOptions.Centring"/>).</summary>
    public bool Centred { get; init; }
}
