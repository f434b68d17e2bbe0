namespace Itm.Search.Duplicates;

/// <summary>Images that are copies of one another: the representative first, then the others, most similar to it first.</summary>
public sealed record DuplicateGroup(IReadOnlyList<DuplicateImage> Images)
{
    /// <summary>The member nearest the group's mean vector: the one the others are compared with.</summary>
    public DuplicateImage Representative => Images[0];
}
