using Itm.Data.Relevance;

namespace Itm.Data.Recipes;

/// <summary>
/// Writes the sentences of a synthetic scene. Every sentence is true of the scene it describes, and the
/// templates vary the order in which the objects are named ("a red circle left of a blue square" /
/// "a blue square right of a red circle" / "a blue square has a red circle to its left"), so a text
/// model has to read word order to know which object is where.
/// </summary>
public sealed class CaptionTemplates
{
    // Ways to say "subject REL object"; the templates pick one at random.
    private static readonly Dictionary<SpatialRelation, string[]> Short = new()
    {
        [SpatialRelation.LeftOf] = ["left of"],
        [SpatialRelation.RightOf] = ["right of"],
        [SpatialRelation.Above] = ["above", "over"],
        [SpatialRelation.Below] = ["below", "under", "beneath"],
    };

    private static readonly Dictionary<SpatialRelation, string[]> Long = new()
    {
        [SpatialRelation.LeftOf] = ["to the left of", "on the left of"],
        [SpatialRelation.RightOf] = ["to the right of", "on the right of"],
        [SpatialRelation.Above] = ["above", "over"],
        [SpatialRelation.Below] = ["below", "under", "beneath"],
    };

    // "OBJECT has SUBJECT <phrase>": the relation of the subject, said from the object's point of view.
    private static readonly Dictionary<SpatialRelation, string> Its = new()
    {
        [SpatialRelation.LeftOf] = "to its left",
        [SpatialRelation.RightOf] = "to its right",
        [SpatialRelation.Above] = "above it",
        [SpatialRelation.Below] = "below it",
    };

    // Chance that a sentence names the sizes: often enough that size swaps are learnable, not so often that every sentence is long.
    private const double SizeMentionRate = 0.4;

    // Attempts per requested sentence before giving up on finding a new distinct one.
    private const int AttemptsPerSentence = 20;

    /// <summary>
    /// Up to <paramref name="count"/> distinct sentences for <paramref name="scene"/>, drawn with
    /// <paramref name="rng"/> (so a seeded generator gives the same sentences every run).
    /// </summary>
    public IReadOnlyList<string> Describe(SyntheticScene scene, int count, Random rng)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(rng);
        var sentences = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int attempt = 0; attempt < count * AttemptsPerSentence && sentences.Count < count; attempt++)
        {
            bool sizes = rng.NextDouble() < SizeMentionRate;
            string sentence = scene.Objects.Count switch
            {
                1 => Single(scene.Objects[0], sizes, rng),
                2 => Pair(scene, 0, 1, sizes, rng),
                _ => Triple(scene, sizes, rng),
            };
            if (seen.Add(sentence))
                sentences.Add(sentence);
        }

        return sentences;
    }

    private static string Single(SceneObject o, bool sizes, Random rng) => rng.Next(5) switch
    {
        0 => Indefinite(o, sizes),
        1 => $"there is {Indefinite(o, sizes)}",
        2 => $"{Indefinite(o, sizes)} on a plain background",
        3 => $"a picture of {Indefinite(o, sizes)}",
        _ => $"a single {Bare(o, sizes)}",
    };

    /// <summary>A sentence relating the objects at layout positions <paramref name="i"/> and <paramref name="j"/>, named in a random order.</summary>
    private static string Pair(SyntheticScene scene, int i, int j, bool sizes, Random rng)
    {
        if (rng.Next(2) == 1)
            (i, j) = (j, i);
        SceneObject s = scene.Objects[i], o = scene.Objects[j];
        SpatialRelation relation = scene.RelationBetween(i, j);
        return rng.Next(7) switch
        {
            0 => $"{Indefinite(s, sizes)} {Pick(Short[relation], rng)} {Indefinite(o, sizes)}",
            1 => $"{Indefinite(s, sizes)} is {Pick(Long[relation], rng)} {Indefinite(o, sizes)}",
            2 => $"there is {Indefinite(s, sizes)} {Pick(Long[relation], rng)} {Indefinite(o, sizes)}",
            3 => $"the {Bare(s, sizes)} is {Pick(Short[relation], rng)} the {Bare(o, sizes)}",
            4 => $"{Indefinite(s, sizes)} sits {Pick(Long[relation], rng)} {Indefinite(o, sizes)}",
            5 => $"{Indefinite(o, sizes)} with {Indefinite(s, sizes)} {Its[relation]}",
            _ => $"{Indefinite(o, sizes)} has {Indefinite(s, sizes)} {Its[relation]}",
        };
    }

    private static string Triple(SyntheticScene scene, bool sizes, Random rng)
    {
        IReadOnlyList<SceneObject> objects = scene.Objects;
        switch (rng.Next(4))
        {
            case 0:
                string order = scene.Axis == SceneAxis.Horizontal ? "from left to right" : "from top to bottom";
                return $"{order}: {Indefinite(objects[0], sizes)}, {Indefinite(objects[1], sizes)} and {Indefinite(objects[2], sizes)}";
            case 1:
                (int first, int last) = rng.Next(2) == 0 ? (0, 2) : (2, 0);
                return $"{Indefinite(objects[1], sizes)} between {Indefinite(objects[first], sizes)} and {Indefinite(objects[last], sizes)}";
            case 2:
                // A chain read in either direction: "A left of B, which is left of C" or "C right of B, which is right of A".
                (int a, int b, int c) = rng.Next(2) == 0 ? (0, 1, 2) : (2, 1, 0);
                SpatialRelation relation = scene.RelationBetween(a, b);
                return $"{Indefinite(objects[a], sizes)} {Pick(Short[relation], rng)} {Indefinite(objects[b], sizes)}, "
                    + $"which is {Pick(Short[relation], rng)} {Indefinite(objects[c], sizes)}";
            default:
                int x = rng.Next(3);
                int y = (x + 1 + rng.Next(2)) % 3;
                return Pair(scene, Math.Min(x, y), Math.Max(x, y), sizes, rng);
        }
    }

    private static string Bare(SceneObject o, bool sizes) =>
        sizes ? $"{SceneWords.Of(o.Size)} {SceneWords.Of(o.Colour)} {SceneWords.Of(o.Shape)}" : $"{SceneWords.Of(o.Colour)} {SceneWords.Of(o.Shape)}";

    private static string Indefinite(SceneObject o, bool sizes)
    {
        string phrase = Bare(o, sizes);
        return ("aeiou".Contains(phrase[0]) ? "an " : "a ") + phrase;
    }

    private static string Pick(string[] choices, Random rng) => choices[rng.Next(choices.Length)];
}
