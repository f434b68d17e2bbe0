using Itm.Data.Text;

namespace Itm.Data.Relevance;

/// <summary>The words a set of synthetic scenes uses for shapes, colours and sizes: what <see cref="SceneSentence"/> looks for.</summary>
public sealed record SceneLexicon(IReadOnlySet<string> Shapes, IReadOnlySet<string> Colours, IReadOnlySet<string> Sizes)
{
    /// <summary>Every shape, colour and size word the scenes use.</summary>
    public static SceneLexicon Of(IEnumerable<SceneFacts> scenes)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        var objects = scenes.SelectMany(s => s.Objects).ToList();
        return new SceneLexicon(
            objects.Select(o => o.Shape).ToHashSet(StringComparer.Ordinal),
            objects.Select(o => o.Colour).ToHashSet(StringComparer.Ordinal),
            objects.Select(o => o.Size).ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>
/// Reads a sentence about a synthetic scene into a <see cref="SceneClaim"/>: the objects it names ("[size] [colour]
/// shape") and the relations it puts them in, for every sentence form the synthetic captions use and the short forms a
/// user would type: "a red circle left of a blue square", "a blue square has a red circle to its left", "from left
/// to right: A, B and C", "A between B and C", "A above B, which is above C", "a single red circle", "a red circle
/// and a blue square" (both there, anywhere). A sentence it cannot read (no shape, a relation with one object) gives
/// null, and its relevance falls back to its own image.
/// </summary>
public static class SceneSentence
{
    private static readonly Dictionary<string, SpatialRelation> RelationWords = new(StringComparer.Ordinal)
    {
        ["left"] = SpatialRelation.LeftOf,
        ["right"] = SpatialRelation.RightOf,
        ["above"] = SpatialRelation.Above,
        ["over"] = SpatialRelation.Above,
        ["below"] = SpatialRelation.Below,
        ["under"] = SpatialRelation.Below,
        ["beneath"] = SpatialRelation.Below,
    };

    public static SceneClaim? Parse(string sentence, SceneLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(lexicon);
        var tokens = Tokenizer.Tokenize(sentence).ToList();
        SpatialRelation? rowOrder = RowOrder(tokens);
        var named = new List<ObjectPattern>();
        var relations = new List<SpatialRelation>();
        for (int t = rowOrder is null ? 0 : 4; t < tokens.Count; t++)
        {
            if (ReadObject(tokens, ref t, lexicon) is { } pattern)
                named.Add(pattern);
            else if (RelationWords.TryGetValue(tokens[t], out var relation))
                relations.Add(relation);
        }

        if (named.Count == 0)
            return null;
        if (rowOrder is { } along)
            return named.Count < 2 || relations.Count > 0 ? null : Claim(named, [Chain(named.Count, along, along)]);
        if (tokens.Contains("between"))
        {
            // "A between B and C": B and C on either side of A, along either axis.
            return named.Count != 3 || relations.Count > 0 ? null : Claim(named,
            [
                [new(1, SpatialRelation.LeftOf, 0), new(0, SpatialRelation.LeftOf, 2)],
                [new(2, SpatialRelation.LeftOf, 0), new(0, SpatialRelation.LeftOf, 1)],
                [new(1, SpatialRelation.Above, 0), new(0, SpatialRelation.Above, 2)],
                [new(2, SpatialRelation.Above, 0), new(0, SpatialRelation.Above, 1)],
            ]);
        }

        if (relations.Count == 0)
            return named.Count == 1 ? new SceneClaim(named, [], Alone: tokens.Contains("single")) : Claim(named, []);
        if (named.Count == 3 && relations.Count == 2)
            return Claim(named, [Chain(3, relations[0], relations[1])]); // "A above B, which is above C"
        if (named.Count != 2 || relations.Count != 1)
            return null;

        // "B has A to its left", "B with A above it": the object is named first and the subject second.
        bool objectFirst = tokens.Contains("its") || tokens[^1] == "it";
        return Claim(named, [[objectFirst ? new(1, relations[0], 0) : new(0, relations[0], 1)]]);
    }

    private static SceneClaim Claim(List<ObjectPattern> named, IReadOnlyList<IReadOnlyList<NamedRelation>> alternatives) => new(named, alternatives);

    /// <summary>"A r B, B r' C, ...": each named object against the next.</summary>
    private static NamedRelation[] Chain(int count, SpatialRelation first, SpatialRelation rest) =>
        [.. Enumerable.Range(0, count - 1).Select(i => new NamedRelation(i, i == 0 ? first : rest, i + 1))];

    /// <summary>"from left to right: ..." or "from top to bottom: ...": the objects in the order named, along that axis.</summary>
    private static SpatialRelation? RowOrder(List<string> tokens) =>
        tokens.Count >= 4 && tokens[0] == "from" && tokens[2] == "to"
            ? (tokens[1], tokens[3]) switch
            {
                ("left", "right") => SpatialRelation.LeftOf,
                ("top", "bottom") => SpatialRelation.Above,
                _ => null,
            }
            : null;

    /// <summary>"[size] [colour] shape" starting at <paramref name="t"/>, leaving <paramref name="t"/> on its last word; null (and t unchanged) when none starts there.</summary>
    private static ObjectPattern? ReadObject(List<string> tokens, ref int t, SceneLexicon lexicon)
    {
        int at = t;
        string? size = lexicon.Sizes.Contains(tokens[at]) ? tokens[at++] : null;
        string? colour = at < tokens.Count && lexicon.Colours.Contains(tokens[at]) ? tokens[at++] : null;
        if (at >= tokens.Count || !lexicon.Shapes.Contains(tokens[at]))
            return null;
        t = at;
        return new ObjectPattern(tokens[at], colour, size);
    }
}
