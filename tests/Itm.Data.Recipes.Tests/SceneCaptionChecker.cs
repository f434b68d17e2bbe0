using System.Text.RegularExpressions;
using Itm.Data.Relevance;

namespace Itm.Data.Recipes.Tests;

/// <summary>
/// Reads a synthetic caption back into objects and relations and checks them against the scene's geometry
/// (not against the generator's own labels), so a template that says the wrong thing cannot pass.
/// </summary>
public static partial class SceneCaptionChecker
{
    /// <summary>Every word any template may use.</summary>
    public static readonly HashSet<string> Vocabulary = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "single", "there", "is", "picture", "of", "on", "plain", "background", "left", "right", "to",
        "above", "over", "below", "under", "beneath", "sits", "with", "has", "its", "it", "between", "and", "which", "from",
        "top", "bottom", "small", "large", "circle", "square", "triangle", "star", "diamond", "hexagon",
        "red", "green", "blue", "yellow", "purple", "orange",
    };

    /// <summary>Null when the caption is true of the scene; otherwise why not.</summary>
    public static string? Problem(string caption, SyntheticScene scene)
    {
        string? unknown = caption.Split([' ', ',', ':'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => !Vocabulary.Contains(w));
        if (unknown is not null)
            return $"unknown word '{unknown}'";

        var objects = new List<int>();
        foreach (Match match in NounPhrase().Matches(caption))
        {
            int index = Find(scene, match);
            if (index < 0)
                return $"'{match.Value}' is not in the scene";
            objects.Add(index);
        }

        if (objects.Count == 1)
            return scene.Objects.Count == 1 ? null : "one object named in a multi-object scene";

        if (caption.StartsWith("from left to right:", StringComparison.Ordinal) || caption.StartsWith("from top to bottom:", StringComparison.Ordinal))
        {
            var relation = caption.StartsWith("from left", StringComparison.Ordinal) ? SpatialRelation.LeftOf : SpatialRelation.Above;
            return objects.Count == 3 && Holds(scene, objects[0], relation, objects[1]) && Holds(scene, objects[1], relation, objects[2]) ? null : "order is wrong";
        }

        if (caption.Contains(" between ", StringComparison.Ordinal))
        {
            SceneObject middle = scene.Objects[objects[0]], one = scene.Objects[objects[1]], other = scene.Objects[objects[2]];
            double Along(SceneObject o) => scene.Axis == SceneAxis.Horizontal ? o.X : o.Y;
            return (Along(one) - Along(middle)) * (Along(other) - Along(middle)) < 0 ? null : "not between";
        }

        string[] clauses = caption.Split(", which is ");
        if (clauses.Length == 2)
        {
            return Holds(scene, objects[0], RelationIn(clauses[0]), objects[1]) && Holds(scene, objects[1], RelationIn(clauses[1]), objects[2])
                ? null
                : "chain is wrong";
        }

        if (objects.Count != 2)
            return $"{objects.Count} objects in a sentence about two";

        // "B has A to its left" / "B with A above it" name the object first.
        bool objectFirst = caption.Contains(" its ", StringComparison.Ordinal) || caption.EndsWith(" it", StringComparison.Ordinal);
        (int subject, int target) = objectFirst ? (objects[1], objects[0]) : (objects[0], objects[1]);
        return Holds(scene, subject, RelationIn(caption), target) ? null : "relation does not hold";
    }

    /// <summary>How many objects a caption names.</summary>
    public static int NamedObjects(string caption) => NounPhrase().Matches(caption).Count;

    /// <summary>Whether the relation holds clearly: a gap along the axis and little offset across it.</summary>
    public static bool Holds(SyntheticScene scene, int subject, SpatialRelation relation, int target)
    {
        SceneObject s = scene.Objects[subject], t = scene.Objects[target];
        const double MinGap = 0.03, MaxOffset = 0.1;
        return relation switch
        {
            SpatialRelation.LeftOf => t.X - t.Radius - (s.X + s.Radius) >= MinGap && Math.Abs(s.Y - t.Y) <= MaxOffset,
            SpatialRelation.RightOf => s.X - s.Radius - (t.X + t.Radius) >= MinGap && Math.Abs(s.Y - t.Y) <= MaxOffset,
            SpatialRelation.Above => t.Y - t.Radius - (s.Y + s.Radius) >= MinGap && Math.Abs(s.X - t.X) <= MaxOffset,
            _ => s.Y - s.Radius - (t.Y + t.Radius) >= MinGap && Math.Abs(s.X - t.X) <= MaxOffset,
        };
    }

    private static SpatialRelation RelationIn(string text) =>
        text.Contains("left", StringComparison.Ordinal) ? SpatialRelation.LeftOf
        : text.Contains("right", StringComparison.Ordinal) ? SpatialRelation.RightOf
        : Regex.IsMatch(text, @"\b(above|over)\b") ? SpatialRelation.Above
        : Regex.IsMatch(text, @"\b(below|under|beneath)\b") ? SpatialRelation.Below
        : throw new InvalidOperationException($"no relation in '{text}'");

    private static int Find(SyntheticScene scene, Match match)
    {
        string size = match.Groups["size"].Value, colour = match.Groups["colour"].Value, shape = match.Groups["shape"].Value;
        var hits = Enumerable.Range(0, scene.Objects.Count)
            .Where(i => SceneWords.Of(scene.Objects[i].Colour) == colour && SceneWords.Of(scene.Objects[i].Shape) == shape
                && (size.Length == 0 || SceneWords.Of(scene.Objects[i].Size) == size))
            .ToList();
        return hits.Count == 1 ? hits[0] : -1;
    }

    [GeneratedRegex(@"\b(?:a|an|the|single)\s+(?:(?<size>small|large)\s+)?(?<colour>red|green|blue|yellow|purple|orange)\s+(?<shape>circle|square|triangle|star|diamond|hexagon)\b")]
    private static partial Regex NounPhrase();
}
