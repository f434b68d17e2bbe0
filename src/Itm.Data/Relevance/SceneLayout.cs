namespace Itm.Data.Relevance;

/// <summary>Where the subject of a sentence is relative to its object.</summary>
public enum SpatialRelation
{
    LeftOf,
    RightOf,
    Above,
    Below,
}

/// <summary>The axis the objects of a synthetic scene are lined up on.</summary>
public enum SceneAxis
{
    /// <summary>Objects side by side; the first object is the leftmost.</summary>
    Horizontal,

    /// <summary>Objects stacked; the first object is the topmost.</summary>
    Vertical,
}

/// <summary>
/// The relations between the objects of a synthetic scene, from their layout order alone: objects are drawn in a
/// row (or a column) in the order listed, so the one listed first is left of (or above) every later one. Shared by
/// the generator that writes captions and the relevance that reads them back.
/// </summary>
public static class SceneLayout
{
    /// <summary>The relation that holds between the object at layout position <paramref name="i"/> and the one at <paramref name="j"/> (i != j).</summary>
    public static SpatialRelation Between(SceneAxis axis, int i, int j)
    {
        if (i == j)
            throw new ArgumentException("An object has no relation to itself.", nameof(j));
        return (axis, i < j) switch
        {
            (SceneAxis.Horizontal, true) => SpatialRelation.LeftOf,
            (SceneAxis.Horizontal, false) => SpatialRelation.RightOf,
            (SceneAxis.Vertical, true) => SpatialRelation.Above,
            _ => SpatialRelation.Below,
        };
    }
}
