namespace Itm.Search.Duplicates;

/// <summary>The duplicates of an index's images at one threshold.</summary>
/// <param name="Threshold">The cosine at or above which two images count as duplicates.</param>
/// <param name="Images">The readable images compared (those with a vector).</param>
/// <param name="Groups">The groups of two or more, largest first.</param>
public sealed record DuplicateReport(float Threshold, long Images, IReadOnlyList<DuplicateGroup> Groups)
{
    /// <summary>Images that are in a group but not its representative: what keeping one of each group would remove.</summary>
    public int Redundant => Groups.Sum(group => group.Images.Count - 1);
}
