namespace Itm.Server;

/// <summary>How <c>itm serve</c> notices a finished <c>itm index</c> run and starts answering from it (the live index).</summary>
public sealed record LiveIndexOptions
{
    /// <summary>Longest poll interval allowed: an hour.</summary>
    public const double MaxPollSeconds = 3600;

    /// <summary>Off: the server answers from the index as it was at start-up until it is restarted.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// How often the catalog's count of finished runs is read besides watching the index folder for changes: the safety
    /// net where change events are lost (a network file system, an overflowing event queue). One read is a catalog open
    /// and one query, well under a millisecond.
    /// </summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the folder must stay quiet after a change event before the catalog is read: a run's last commit writes
    /// the catalog's log and its index in quick succession, and one read should follow them.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Poll <= TimeSpan.Zero || Poll > TimeSpan.FromSeconds(MaxPollSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(Poll), Poll, $"The live index's poll interval is more than 0 and at most {MaxPollSeconds} s.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Settle, TimeSpan.Zero, nameof(Settle));
    }
}
