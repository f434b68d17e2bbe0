using Itm.Data.Relevance;

namespace Itm.Data.Recipes;

/// <summary>The shapes a synthetic scene draws; each has one caption word (<see cref="SceneWords"/>).</summary>
public enum SceneShape
{
    Circle,
    Square,
    Triangle,
    Star,
    Diamond,
    Hexagon,
}

/// <summary>The colours a synthetic scene paints with; hues far enough apart to be told apart at 64 pixels.</summary>
public enum SceneColour
{
    Red,
    Green,
    Blue,
    Yellow,
    Purple,
    Orange,
}

/// <summary>Object size class: the two radii ranges do not overlap, so "small" and "large" are never ambiguous.</summary>
public enum SceneSize
{
    Small,
    Large,
}

/// <summary>How a twin scene differs from the scene it was made from. Every kind keeps the bag of caption words.</summary>
public enum TwinKind
{
    /// <summary>Two objects exchange colours: "a red circle left of a blue square" / "a blue circle left of a red square".</summary>
    ColourSwap,

    /// <summary>Two objects exchange shapes: "a red circle left of a blue square" / "a red square left of a blue circle".</summary>
    ShapeSwap,

    /// <summary>Two objects exchange sizes: "a large red circle ... a small blue square" / "a small red circle ... a large blue square".</summary>
    SizeSwap,

    /// <summary>Two objects exchange places, so the relation is mirrored: "a red circle left of a blue square" / "a blue square left of a red circle".</summary>
    PositionSwap,
}

/// <summary>The English words for the scene vocabulary, shared by the caption templates and their tests.</summary>
public static class SceneWords
{
    public static string Of(SceneShape shape) => shape.ToString().ToLowerInvariant();

    public static string Of(SceneColour colour) => colour.ToString().ToLowerInvariant();

    public static string Of(SceneSize size) => size.ToString().ToLowerInvariant();

    /// <summary>The relation that holds when subject and object are exchanged.</summary>
    public static SpatialRelation Inverse(SpatialRelation relation) => relation switch
    {
        SpatialRelation.LeftOf => SpatialRelation.RightOf,
        SpatialRelation.RightOf => SpatialRelation.LeftOf,
        SpatialRelation.Above => SpatialRelation.Below,
        SpatialRelation.Below => SpatialRelation.Above,
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };
}
