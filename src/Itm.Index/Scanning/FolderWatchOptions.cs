namespace Itm.Index.Scanning;

/// <summary>How <see cref="FolderWatcher"/> turns file-system events into indexing runs (<c>itm index --watch</c>).</summary>
public sealed record FolderWatchOptions
{
    /// <summary>
    /// How long the folder must stay quiet after a change before a run starts: a copy of many files, or one large file
    /// written in pieces, becomes one run that sees it whole.
    /// </summary>
    public TimeSpan Quiet { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest time between runs even without events: the safety net where events are lost (network file systems, a
    /// folder tree beyond the system's watch limit, an overflowing event queue). A run over an unchanged folder only
    /// scans it.
    /// </summary>
    public TimeSpan Rescan { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Quiet, TimeSpan.Zero, nameof(Quiet));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Rescan, TimeSpan.Zero, nameof(Rescan));
    }
}
