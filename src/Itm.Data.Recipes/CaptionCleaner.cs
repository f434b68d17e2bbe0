using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Itm.Data.Text;

namespace Itm.Data.Recipes;

/// <summary>
/// Turns the raw title, description and keywords of a drawing into caption sentences made only of the
/// drawing's own words: markup and entities, URLs, e-mail addresses, export artifacts, the names of its
/// creators and publishers, licence and clip-art boilerplate are removed; file-name-like titles are split
/// into words or dropped; descriptions are cut to their first informative sentence. A null result means
/// nothing usable was left. Counts of every rule that fired accumulate in <see cref="Counts"/>.
/// </summary>
/// <remarks>Not thread-safe (the counters are plain fields).</remarks>
public sealed partial class CaptionCleaner
{
    // Words that on their own say nothing about the picture: what editors and cameras name files.
    // The file-name fallback (FileNameCaptioner) uses the same list, so both agree on what is informative.
    internal static readonly IReadOnlySet<string> GenericWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "image", "img", "picture", "pic", "drawing", "draw", "untitled", "unnamed", "new", "layer", "path", "file",
        "document", "doc", "svg", "clipart", "vector", "graphic", "graphics", "rect", "g", "export", "scan", "dsc",
        "copy", "object", "group", "test", "sample", "figure", "fig", "icon", "png", "jpg", "jpeg",
    };

    // Truncated descriptions should not end on a word that needs a continuation ("... a house with the").
    private static readonly HashSet<string> DanglingWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "with", "for", "at", "by", "from", "is", "are", "that", "which", "as", "its",
    };

    // One compiled pattern per agent name, shared by all cleaners: a corpus has a few thousand names at most.
    private static readonly ConcurrentDictionary<string, Regex> AgentPatterns = new(StringComparer.Ordinal);

    private readonly int _maxDescriptionWords;
    private readonly int _maxKeywords;

    /// <param name="maxDescriptionWords">A description sentence longer than this is cut (at a comma or semicolon when one is near).</param>
    /// <param name="maxKeywords">At most this many keywords go into the keyword sentence, in the file's order.</param>
    public CaptionCleaner(int maxDescriptionWords = 20, int maxKeywords = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDescriptionWords, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeywords, 1);
        _maxDescriptionWords = maxDescriptionWords;
        _maxKeywords = maxKeywords;
    }

    public CleaningCounts Counts { get; } = new();

    /// <summary>
    /// Agent names as they should be searched for in captions: e-mail addresses, URLs and bracketed parts
    /// removed ("Jakob [chaosinfaith@hotmail.com]" → "Jakob"), names with fewer than two letters dropped,
    /// longest first so "Nicu Buculei" goes before a shorter name inside it.
    /// </summary>
    public static IReadOnlyList<string> CleanAgentNames(IEnumerable<string> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var names = new List<string>();
        foreach (string name in raw)
        {
            string cleaned = Email().Replace(name, " ");
            cleaned = Url().Replace(cleaned, " ");
            cleaned = Bracketed().Replace(cleaned, " ");
            cleaned = Whitespace().Replace(cleaned, " ").Trim(' ', ',', ';', '-', '.');
            if (cleaned.Count(char.IsLetter) >= 2 && !names.Contains(cleaned, StringComparer.OrdinalIgnoreCase))
                names.Add(cleaned);
        }

        return names.OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
    }

    /// <summary>The title as one sentence, or null when nothing informative is left.</summary>
    /// <param name="agents">From <see cref="CleanAgentNames"/>.</param>
    public string? CleanTitle(string raw, IReadOnlyList<string> agents)
    {
        ArgumentNullException.ThrowIfNull(raw);
        string text = RemoveNamesAndBoilerplate(RemoveAddresses(StripMarkup(raw)), agents);
        text = CreditPrefix().Replace(Tidy(text), "");
        text = Tidy(FileExtension().Replace(text, ""));

        // A title without spaces is almost always a file or object name: split it into words and drop the
        // numbering ("arrow08_4" → "arrow", "Switch_HP_2524" → "Switch HP", "image001" → "image").
        if (text.Length > 0 && !text.Any(char.IsWhiteSpace))
        {
            string[] words = IdentifierBoundary().Split(text).Where(w => w.Length > 0 && !w.All(char.IsDigit)).ToArray();
            string split = string.Join(' ', words);
            if (split != text)
                Counts.FileNameTitlesSplit++;
            text = split;
        }

        text = Tidy(text.Replace('_', ' '));
        if (!IsInformative(text))
        {
            Counts.TitlesDropped++;
            return null;
        }

        return text;
    }

    /// <summary>
    /// The first informative sentence of the description (lines ending in ':' are headings and skipped),
    /// cut to the word limit, without its final full stop; null when no sentence of two or more words is left.
    /// </summary>
    public string? CleanDescription(string raw, IReadOnlyList<string> agents)
    {
        ArgumentNullException.ThrowIfNull(raw);
        string text = RemoveAddresses(StripMarkup(raw));
        foreach (string line in text.Split('\n'))
        {
            if (line.TrimEnd().EndsWith(':'))
                continue;
            foreach (string sentence in SentenceEnd().Split(line))
            {
                string cleaned = Tidy(RemoveNamesAndBoilerplate(sentence, agents));
                cleaned = cleaned.TrimEnd('.', '!', '?', '\u2026', ' ');
                if (Tokenizer.Tokenize(cleaned).Count < 2 || !IsInformative(cleaned))
                    continue;

                string kept = Truncate(cleaned);
                if (Tokenizer.Tokenize(kept).Count < Tokenizer.Tokenize(text).Count)
                    Counts.DescriptionsShortened++;
                return kept;
            }
        }

        Counts.DescriptionsDropped++;
        return null;
    }

    /// <summary>The cleaned keywords joined with ", " (each one at most once, in the file's order), or null when none is left.</summary>
    public string? CleanKeywords(IEnumerable<string> raw, IReadOnlyList<string> agents)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var kept = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string keyword in raw.SelectMany(k => k.Split([',', ';'])))
        {
            string text = RemoveAddresses(StripMarkup(keyword)).Replace('_', ' ');
            text = Tidy(RemoveNamesAndBoilerplate(text, agents));
            string key = string.Join(' ', Tokenizer.Tokenize(text));
            // "hash" alone is what is left of a Perl HASH(0x...) reference in many exported keyword lists.
            if (key.Length == 0 || key == "hash" || !IsInformative(text))
            {
                if (keyword.Trim().Length > 0)
                    Counts.KeywordsDropped++;
                continue;
            }

            if (!seen.Add(key))
                continue;

            if (kept.Count < _maxKeywords)
                kept.Add(text);
        }

        return kept.Count == 0 ? null : string.Join(", ", kept);
    }

    /// <summary>Decodes character entities (repeatedly, for double-escaped text) and removes tags.</summary>
    private string StripMarkup(string text)
    {
        string decoded = Decode(text);
        string stripped = Decode(Tag().Replace(decoded, " "));
        if (stripped != text)
            Counts.Markup++;
        return stripped;

        static string Decode(string value)
        {
            for (int i = 0; i < 3; i++)
            {
                string next = WebUtility.HtmlDecode(value);
                if (next == value)
                    break;
                value = next;
            }

            return value;
        }
    }

    /// <summary>Removes e-mail addresses (before URLs: an address contains a domain), URLs and export artifacts; keeps line breaks.</summary>
    private string RemoveAddresses(string text)
    {
        text = Count(Email(), text, n => Counts.Emails += n);
        text = Count(Url(), text, n => Counts.Urls += n);
        text = Count(HashArtifact(), text, n => Counts.Artifacts += n);
        return Count(Timestamp(), text, n => Counts.Artifacts += n);
    }

    private string RemoveNamesAndBoilerplate(string text, IReadOnlyList<string> agents)
    {
        int removed = 0;
        foreach (string agent in agents)
            text = Count(AgentPattern(agent), text, n => { Counts.AgentNames += n; removed += n; });
        text = Count(Licence(), text, n => { Counts.LicencePhrases += n; removed += n; });
        // "Clipart by Nicu Buculei - arrow" has lost "Clipart" and the name by now; the credit's "by" must go
        // too. Only then: a title that merely ends in "by" ("Stand by") keeps it.
        return removed > 0 ? DanglingCredit().Replace(text, " ") : text;
    }

    private static string Count(Regex pattern, string text, Action<int> add)
    {
        int matches = 0;
        string result = pattern.Replace(text, _ =>
        {
            matches++;
            return " ";
        });
        if (matches > 0)
            add(matches);
        return result;
    }

    private static Regex AgentPattern(string agent) => AgentPatterns.GetOrAdd(agent, name =>
    {
        string body = string.Join(@"\s+", name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
        return new Regex($@"(?<![\p{{L}}\p{{N}}]){body}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    });

    /// <summary>One line: collapsed whitespace, no empty brackets, no space before punctuation, no separators at either end.</summary>
    private static string Tidy(string text)
    {
        text = Whitespace().Replace(text, " ");
        string previous;
        do
        {
            previous = text;
            text = EmptyBrackets().Replace(text, " ");
            text = Whitespace().Replace(text, " ");
        }
        while (text != previous);

        text = SpaceBeforePunctuation().Replace(text, "$1");
        return text.Trim(' ', '-', '\u2013', '\u2014', '_', ':', ';', ',', '|', '/', '\\', '~', '*', '#', '+', '=', '"', '\'', '.');
    }

    /// <summary>At least two letters in words that are not generic file-name words.</summary>
    private static bool IsInformative(string text)
    {
        int letters = Tokenizer.Tokenize(text).Where(t => !GenericWords.Contains(t)).Sum(t => t.Count(char.IsLetter));
        return letters >= 2;
    }

    private string Truncate(string sentence)
    {
        string[] words = sentence.Split(' ');
        if (words.Length <= _maxDescriptionWords)
            return sentence;

        // Prefer ending at a clause boundary in the second half of the allowed words.
        int cut = _maxDescriptionWords;
        for (int i = _maxDescriptionWords - 1; i >= _maxDescriptionWords / 2; i--)
        {
            if (words[i - 1].EndsWith(',') || words[i - 1].EndsWith(';') || words[i - 1].EndsWith(':'))
            {
                cut = i;
                break;
            }
        }

        var kept = words.Take(cut).ToList();
        while (kept.Count > 2 && DanglingWords.Contains(kept[^1].ToLowerInvariant().TrimEnd(',', ';', ':')))
            kept.RemoveAt(kept.Count - 1);
        return Tidy(string.Join(' ', kept));
    }

    [GeneratedRegex(@"</?[A-Za-z!][^<>]{0,500}>")]
    private static partial Regex Tag();

    // With its label, so "email adress: x@y.org" does not leave "email adress" behind.
    [GeneratedRegex(@"(?:\b(?:e-?mail|contact|mailto)(?:\s+ad+res+)?\s*:?\s*)?[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // Scheme or www. URLs, and bare host names with a common top-level domain ("aiga.org").
    [GeneratedRegex(@"\b(?:(?:https?|ftp)://|www\.)[^\s<>""]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|info|biz|io|de|fr|it|es|nl|uk|jp|br|ru|ca|au|ch|at|be|pl|se|no|fi|dk|cz|pt|us)\b(?:/[^\s<>""]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\bHASH\(0x[0-9a-f]+\)", RegexOptions.IgnoreCase)]
    private static partial Regex HashArtifact();

    // "(Wed Aug 25 23:29:46 2004)" in collection titles, ISO dates and times.
    [GeneratedRegex(@"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?\d{4}\b|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}:\d{2}:\d{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Timestamp();

    [GeneratedRegex(
        @"\b(?:released\s+(?:in)?to\s+(?:the\s+)?)?public[\s-]+domain\b"
        + @"|\bcreative\s*commons\b(?:[\s-]+(?:attribution|share[\s-]*alike|non[\s-]*commercial|no[\s-]*derivs?|licen[cs]e|zero|\d(?:\.\d)?))*"
        + @"|\bcc[\s-]*(?:0|zero)\b(?:[\s-]*\d\.\d)?|\bcc[\s-]*by(?:[\s-]*(?:sa|nc|nd))*(?:[\s-]*\d\.\d)?\b"
        + @"|\ball\s+rights\s+reserved\b|\bcopyright\b|\(c\)|©"
        + @"|\blicen[cs]ed\s+under\b|\b(?:free\s+)?licen[cs]es?\b"
        + @"|\bopen[\s-]*clip[\s-]*art(?:[\s-]+(?:library|project))?(?:\.org)?\b|\bopenclipart(?:\.org)?\b|\bclip[\s-]*arts?\b|\bocal\b"
        + @"|\b(?:created|made|drawn|done|designed|traced|converted)\s+(?:with|in|using|by)\s+(?:inkscape|sodipodi|(?:adobe\s+)?illustrator|corel\s*draw|xfig|dia|karbon|skencil|sketch)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Licence();

    // A credit whose name is gone: "(drawn) by" followed by nothing but a separator or the end.
    [GeneratedRegex(@"\b(?:(?:drawn|made|created|designed|uploaded|submitted|vectori[sz]ed|traced)\s+)?by\s*(?=$|[-\u2013\u2014:;,|/)\]])", RegexOptions.IgnoreCase)]
    private static partial Regex DanglingCredit();

    // "by Someone - Title" whose author was not in the metadata: a title does not start with "by" otherwise.
    [GeneratedRegex(@"^by\s+[^-\u2013\u2014:|]{1,40}?\s[-\u2013\u2014:|]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex CreditPrefix();

    [GeneratedRegex(@"\.(?:svgz?|png|jpe?g|gif|bmp|eps|ai|wmf|pdf|xcf|odg)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileExtension();

    // Splits identifiers: separators, camelCase, and letter/digit changes ("arrow08_4", "RedApple", "R16").
    [GeneratedRegex(@"[_\-.]+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})")]
    private static partial Regex IdentifierBoundary();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\p{N}""'(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\[[^\]]*\]|\([^)]*\)|<[^>]*>")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"[ \t\r\n\f\v\u00A0]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\(\s*[-,;:]*\s*\)|\[\s*\]|\{\s*\}")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"\s+([,.;:!?)\]])")]
    private static partial Regex SpaceBeforePunctuation();
}
