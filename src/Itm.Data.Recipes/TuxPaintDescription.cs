using System.Text.RegularExpressions;

namespace Itm.Data.Recipes;

/// <summary>
/// Reads the English sentence out of a Tux Paint stamp description (the <c>NAME.txt</c> beside <c>NAME.png</c> or
/// <c>NAME.svg</c>). Tux Paint's format: the first line is the English description ("A chick inside an egg."),
/// every further line a translation keyed by locale ("fr=…", "de.utf8=…", "pt_BR.utf8=…").
/// </summary>
public static partial class TuxPaintDescription
{
    /// <summary>
    /// The cleaned English sentence of a description file's lines, or null when it has none: the first non-blank
    /// line, unless that line is already a translation (then the English one is missing). Blank lines before it are
    /// skipped because Tux Paint's own reader would show nothing for them, and a translation is never English.
    /// </summary>
    public static string? English(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (string line in lines)
        {
            string cleaned = Clean(line);
            if (cleaned.Length == 0)
                continue;
            return IsTranslation(cleaned) ? null : cleaned;
        }

        return null;
    }

    /// <summary>Trims the text (a byte-order mark included) and collapses every run of white space to one space.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Whitespace().Replace(text.Replace("\uFEFF", "", StringComparison.Ordinal), " ").Trim();
    }

    /// <summary>Whether a line is a translation ("fr=…", "de.utf8=…", "pt_BR.UTF-8=…", "sr@latin.utf8=…"), not the English sentence.</summary>
    public static bool IsTranslation(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return TranslationKey().IsMatch(line);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A locale name before the '=': language, optional region, optional modifier, optional encoding. "A calculator. 6x7=42"
    // does not match, as its '=' follows words and spaces.
    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Za-z]{2,3})?(@[A-Za-z]+)?(\.[A-Za-z0-9-]+)?\s*=", RegexOptions.CultureInvariant)]
    private static partial Regex TranslationKey();
}
