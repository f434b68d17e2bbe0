using System.Globalization;
using Itm.Model.Catalog;
using Itm.Model.JointEmbedding;
using Itm.Model.Losses;
using Itm.Model.Sampling;

namespace Itm.Training.Study;

/// <summary>A factor the study varies from the base configuration, one sweep each.</summary>
public enum StudySweepKind
{
    /// <summary>The text model: bag of words, n-grams, SSE (and the pretrained sentence encoder).</summary>
    Text,

    /// <summary>The loss and the negatives it sees.</summary>
    Objective,

    /// <summary>Which retrieval direction the training specialises to.</summary>
    Direction,

    /// <summary>The image model: pretrained ResNet18 features or a CNN trained from pixels.</summary>
    Image,
}

/// <summary>The spellings of the study's axes on the command line and in its report.</summary>
public static class StudyAxes
{
    /// <summary>The text models of the default grid: the paper's three, with every n-gram variant.</summary>
    public static readonly IReadOnlyList<string> DefaultTexts = ["bow", "ngram-2", "ngram-3", "ngram-3+skip", "sse"];

    /// <summary>The objectives of the default grid besides the base: the paper's hinge, VSE++'s hardest negative, mined global negatives.</summary>
    public static readonly IReadOnlyList<string> DefaultObjectives = ["infonce/inbatch", "sum/inbatch", "hardest/inbatch", "infonce/global"];

    /// <summary>
    /// The objectives the default grid tries direction specialisation with: VSE++'s hardest in-batch negative, and
    /// negatives mined from the whole training set.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultDirectionObjectives = ["hardest/inbatch", "infonce/global"];

    /// <summary>The base text options with the encoder named <paramref name="name"/> (a name of the <see cref="EncoderCatalog"/>).</summary>
    /// <exception cref="UnknownEncoderException">Not a text encoder; the message lists the known names.</exception>
    public static TextEncoderOptions ParseText(string name, TextEncoderOptions baseOptions)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        return baseOptions with { Model = EncoderCatalog.FindText(name) };
    }

    /// <summary><c>LOSS/NEGATIVES</c>, e.g. <c>infonce/inbatch</c>, <c>sum/semihard</c>, <c>infonce/random:256</c>.</summary>
    /// <exception cref="FormatException">Not of that form; the message says what is accepted.</exception>
    public static (LossKind Loss, NegativeSampling Negatives) ParseObjective(string spec, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Trim().Split('/', 2);
        if (parts.Length != 2 || !Enum.TryParse(parts[0], ignoreCase: true, out LossKind loss) || !Enum.IsDefined(loss) || int.TryParse(parts[0], out _))
        {
            throw new FormatException($"Unknown objective '{spec}'; write LOSS/NEGATIVES with LOSS one of sum, hardest, infonce and NEGATIVES one of {NegativeSampling.AcceptedForms}.");
        }

        try
        {
            return (loss, NegativeSampling.Parse(parts[1], direction));
        }
        catch (FormatException e)
        {
            throw new FormatException($"Objective '{spec}': {e.Message}", e);
        }
    }

    /// <summary>
    /// A direction sweep's objective, one of three designs of what a specialised run trains:
    /// <list type="bullet">
    /// <item><c>LOSS/NEGATIVES</c>: the specialised direction with these negatives, the other direction at
    /// <paramref name="baseCounterWeight"/> with in-batch negatives;</item>
    /// <item><c>LOSS/NEGATIVES+counter:W</c>: the same with the other direction's weight W (so <c>+counter:1</c> keeps both
    /// directions and gives only the specialised one the chosen negatives, and W below 1 weights the specialised one up);</item>
    /// <item><c>LOSS/NEGATIVES+prior</c>: the query-prior design, both directions trained as for <c>both</c> (counter
    /// weight 1) plus the specialised direction's learned <see cref="QueryPrior"/>.</item>
    /// </list>
    /// </summary>
    /// <exception cref="FormatException">Not of those forms; the message says what is accepted.</exception>
    public static (LossKind Loss, NegativeSampling Negatives, bool Prior) ParseDirectionObjective(string spec, Direction direction, float baseCounterWeight)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string text = spec.Trim();
        int plus = text.IndexOf('+', StringComparison.Ordinal);
        string design = plus < 0 ? "" : text[(plus + 1)..].ToLowerInvariant();
        var (loss, negatives) = ParseObjective(plus < 0 ? text : text[..plus], direction);
        const string counterPrefix = "counter:";
        if (design.Length == 0)
        {
            return (loss, negatives with { CounterWeight = baseCounterWeight }, false);
        }

        if (design == "prior")
        {
            return (loss, negatives with { CounterWeight = 1 }, true);
        }

        if (design.StartsWith(counterPrefix, StringComparison.Ordinal)
            && float.TryParse(design.AsSpan(counterPrefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out float weight)
            && float.IsFinite(weight) && weight >= 0)
        {
            return (loss, negatives with { CounterWeight = weight }, false);
        }

        throw new FormatException($"Direction objective '{spec}': after '+' expected 'prior' or 'counter:W' (W a number >= 0), not '{text[(plus + 1)..]}'.");
    }

    /// <summary>The label of an objective in the report: <c>infonce/inbatch</c>.</summary>
    public static string FormatObjective(LossKind loss, NegativeSampling negatives) =>
        $"{loss.ToString().ToLowerInvariant()}/{negatives}";

    /// <summary>The label of a text model in the report: its encoder's name (<c>bow</c>, <c>ngram-3+skip</c>, <c>sse</c>).</summary>
    public static string FormatText(TextEncoderOptions text) => text.Model.Name;
}
