namespace Itm.Index.Nearest;

/// <summary>
/// Which rows of a vector file are live. A changed or deleted image leaves its old row in the file until compaction;
/// the catalog knows which rows still belong to something, and searches skip the rest.
/// </summary>
public sealed class RowFilter
{
    private readonly bool[]? live;

    private RowFilter(bool[]? live, long liveCount)
    {
        this.live = live;
        LiveCount = liveCount;
    }

    public long LiveCount { get; }

    /// <summary>Every row of <paramref name="rows"/> is live.</summary>
    public static RowFilter All(long rows) => new(null, rows);

    /// <summary>Only the listed rows (each below <paramref name="rows"/>) are live.</summary>
    public static RowFilter Only(long rows, IEnumerable<long> liveRows)
    {
        var live = new bool[rows];
        long count = 0;
        foreach (long row in liveRows)
        {
            if (!live[row])
            {
                live[row] = true;
                count++;
            }
        }

        return count == rows ? All(rows) : new RowFilter(live, count);
    }

    public bool IsLive(long row) => live is null || live[row];

    /// <summary>The live rows in ascending order.</summary>
    public IEnumerable<long> LiveRows(long rows)
    {
        for (long row = 0; row < rows; row++)
        {
            if (IsLive(row))
            {
                yield return row;
            }
        }
    }
}
