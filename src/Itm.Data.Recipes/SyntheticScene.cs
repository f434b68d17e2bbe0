using Itm.Data.Relevance;

namespace Itm.Data.Recipes;

/// <summary>An sRGB colour, 0-255 per channel.</summary>
public readonly record struct Rgb(byte R, byte G, byte B);

/// <summary>
/// One drawn object. Coordinates are fractions of the image side, so a scene renders at any size:
/// (<paramref name="X"/>, <paramref name="Y"/>) is the centre (y grows downwards) and
/// <paramref name="Radius"/> half the side of the axis-aligned box the drawn shape fits in (so "left of" can be
/// checked from X and Radius alone).
/// </summary>
/// <param name="Fill">The colour actually drawn: the <paramref name="Colour"/>'s base hue with a small jitter.</param>
public sealed record SceneObject(SceneShape Shape, SceneColour Colour, SceneSize Size, double X, double Y, double Radius, Rgb Fill);

/// <summary>
/// The generator's description of one synthetic image: the ground truth its captions are written from,
/// kept so tests (and users) can check every sentence against what was drawn.
/// </summary>
/// <param name="Index">Position in the dataset; the image file is <c>images/{Index:D5}.png</c>.</param>
/// <param name="Objects">In layout order along <paramref name="Axis"/>: leftmost (or topmost) first.</param>
/// <param name="TwinOf">For a twin, the index of the scene it was made from; null otherwise.</param>
/// <param name="Twin">For a twin, what was exchanged; null otherwise.</param>
public sealed record SyntheticScene(
    int Index,
    IReadOnlyList<SceneObject> Objects,
    SceneAxis Axis,
    Rgb Background,
    int? TwinOf,
    TwinKind? Twin)
{
    /// <summary>The relation that holds between the object at layout position <paramref name="i"/> and the one at <paramref name="j"/> (i != j).</summary>
    public SpatialRelation RelationBetween(int i, int j) => SceneLayout.Between(Axis, i, j);
}

