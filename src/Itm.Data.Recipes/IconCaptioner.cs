using System.Text.RegularExpressions;

namespace Itm.Data.Recipes;

/// <summary>
/// Captions of an icon made only of its own identifiers and tags: the name split into words
/// ("arrow-left-bold" → "arrow left bold"; <see cref="NameSentence"/>), one tag sentence (<see cref="CaptionCleaner.CleanKeywords"/>: "user, account"),
/// then each alias split likewise. Numbers-only words go ("numeric-1-box" → "numeric box"); a sentence left without an
/// informative word is dropped (<see cref="CaptionCleaner"/>'s rules for tags; two letters at least for names); each
/// distinct sentence is kept once.
/// </summary>
/// <remarks>Not thread-safe: the cleaner's counters are plain fields.</remarks>
internal sealed partial class IconCaptioner(CaptionCleaner cleaner)
{
    /// <summary>
    /// Words that name a style or variant of a drawing rather than what it shows: <see cref="FamilyOf"/> strips them from
    /// the end of a name, so "arrow-left", "arrow-left-bold" and "arrow-left-circle-outline" are one family.
    /// </summary>
    public static readonly IReadOnlySet<string> VariantWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "regular", "thin", "light", "bold", "fill", "filled", "duotone", "outline", "outlined", "sharp", "round", "rounded",
        "alt", "variant", "off", "box", "circle", "square", "small", "large", "multiple", "half", "full", "plus", "minus",
    };

    public CleaningCounts Counts => cleaner.Counts;

    /// <summary>The words of an identifier, lower case: separators and camelCase split, numbers-only words dropped.</summary>
    public static string Words(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return string.Join(' ', Boundary().Split(identifier)
            .Where(w => w.Length > 0 && !w.All(char.IsDigit))
            .Select(w => w.ToLowerInvariant()));
    }

    /// <summary>
    /// The family of an icon name, for keeping variants in one split: its words without trailing variant words
    /// (<see cref="VariantWords"/>) and numbers, joined with '-'; a name made only of those keeps its first word.
    /// </summary>
    public static string FamilyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        List<string> words = Boundary().Split(name).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToList();
        int end = words.Count;
        while (end > 1 && (VariantWords.Contains(words[end - 1]) || words[end - 1].All(char.IsDigit)))
            end--;
        return words.Count == 0 ? name.ToLowerInvariant() : string.Join('-', words.Take(end));
    }

    /// <summary>The icon's captions in order: name, tags, aliases; empty when none is usable.</summary>
    public List<CaptionCandidate> Captions(IconEntry icon)
    {
        ArgumentNullException.ThrowIfNull(icon);
        var captions = new List<CaptionCandidate>();
        Add(captions, CaptionKind.Title, NameSentence(icon.Name));
        // Tags are written as identifiers ("split-test") or as categories ("Account / User"): one keyword per word group.
        IEnumerable<string> tags = icon.Tags
            .SelectMany(t => t.Split('/'))
            .Select(t => string.Join(' ', t.Replace('-', ' ').Replace('_', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.All(char.IsDigit))));
        Add(captions, CaptionKind.Keywords, cleaner.CleanKeywords(tags, []));
        foreach (string alias in icon.Aliases)
            Add(captions, CaptionKind.Title, NameSentence(alias));
        return captions;
    }

    /// <summary>
    /// The words of an icon's name or alias, or null when they have fewer than two letters ("123", "x"). Unlike a drawing's
    /// title, a name made of a file-name word is kept: the icon named "file" or "copy" draws exactly that.
    /// </summary>
    public static string? NameSentence(string identifier)
    {
        string words = Words(identifier);
        return words.Count(char.IsLetter) >= 2 ? words : null;
    }

    /// <summary>Adds <paramref name="text"/> unless it is null or a caption with its key is there already.</summary>
    public static void Add(List<CaptionCandidate> captions, CaptionKind kind, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return;
        var candidate = new CaptionCandidate(kind, text);
        if (candidate.Key.Length > 0 && captions.TrueForAll(c => c.Key != candidate.Key))
            captions.Add(candidate);
    }

    // Separators and camelCase; letters and digits in one word stay together ("mp3", "h1", "4k").
    [GeneratedRegex(@"[\s_\-.]+|(?<=\p{Ll})(?=\p{Lu})")]
    private static partial Regex Boundary();
}
