using Itm.Data.Ranking;

namespace Itm.Search.Duplicates;

/// <summary>
/// A group of duplicates as vector rows: the representative first (the member nearest the group's mean vector), then
/// the others by their cosine to it, highest first. <see cref="VectorHit.Score"/> is that cosine (the representative's own is 1).
/// </summary>
public sealed record RowGroup(IReadOnlyList<VectorHit> Members)
{
    public VectorHit Representative => Members[0];
}
