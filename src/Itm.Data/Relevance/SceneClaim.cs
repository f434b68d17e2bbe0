namespace Itm.Data.Relevance;

/// <summary>An object a sentence names: its shape, and its colour and size when the sentence says them.</summary>
public sealed record ObjectPattern(string Shape, string? Colour = null, string? Size = null)
{
    public bool Matches(SceneObjectFacts o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Shape == Shape && (Colour is null || o.Colour == Colour) && (Size is null || o.Size == Size);
    }
}

/// <summary>"The object named <see cref="Subject"/>-th is <see cref="Relation"/> the one named <see cref="Target"/>-th."</summary>
public sealed record NamedRelation(int Subject, SpatialRelation Relation, int Target);

/// <summary>
/// What a sentence about a synthetic scene claims: that distinct objects match <see cref="Objects"/> and stand in the
/// relations of at least one of <see cref="Alternatives"/> (none: no relation claimed). "A red circle between a blue
/// square and a green star" has four alternatives: the row may run either way, left to right or top to bottom.
/// </summary>
/// <param name="Alone">The sentence says the named objects are all there is ("a single red circle").</param>
public sealed record SceneClaim(IReadOnlyList<ObjectPattern> Objects, IReadOnlyList<IReadOnlyList<NamedRelation>> Alternatives, bool Alone = false)
{
    /// <summary>Whether <paramref name="scene"/> shows what the sentence says: some assignment of its objects, one each, satisfies the claim.</summary>
    public bool IsTrueOf(SceneFacts scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (Objects.Count > scene.Objects.Count || (Alone && Objects.Count != scene.Objects.Count))
            return false;
        return Assign(scene, new int[Objects.Count], 0, new bool[scene.Objects.Count]);
    }

    // Scenes hold at most a handful of objects, so trying every one-to-one assignment is cheap.
    private bool Assign(SceneFacts scene, int[] at, int named, bool[] used)
    {
        if (named == Objects.Count)
            return Alternatives.Count == 0 || Alternatives.Any(relations => relations.All(r => SceneLayout.Between(scene.Axis, at[r.Subject], at[r.Target]) == r.Relation));
        for (int o = 0; o < scene.Objects.Count; o++)
        {
            if (used[o] || !Objects[named].Matches(scene.Objects[o]))
                continue;
            used[o] = true;
            at[named] = o;
            bool found = Assign(scene, at, named + 1, used);
            used[o] = false;
            if (found)
                return true;
        }

        return false;
    }
}
