using System.Globalization;
using System.Text;

namespace Itm.Data.Text;

/// <summary>
/// Unicode-aware word tokenizer for captions: NFKC-normalises (full-width letters, ligatures and composed accents
/// become their plain forms), lower-cases (culture-invariant), keeps runs of letters, digits and combining marks as
/// words, drops punctuation, symbols and emoji, and cuts scripts written without spaces (CJK, kana, Thai, ...) into
/// one token per character. An apostrophe or hyphen between two letters stays inside the word ("don't", "t-shirt");
/// typographic variants (’, ‐) are written as the ASCII ones so "don’t" and "don't" are one token.
/// The output never contains spaces, '&lt;' or '&gt;', so n-gram joins and the &lt;s&gt; markers cannot collide with it.
/// </summary>
public static class Tokenizer
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // ASCII is already NFKC; skipping the normaliser saves most of the time on English captions.
        string normalised = (Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant();
        var tokens = new List<string>();
        var word = new StringBuilder();
        char? pendingJoiner = null;

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }

            pendingJoiner = null;
        }

        // Grapheme clusters, not code points: a Thai consonant with its vowel and tone marks, or a letter with an
        // emoji modifier after it, is one unit; classifying by code point would split the marks off as tokens.
        int position = 0;
        while (position < normalised.Length)
        {
            ReadOnlySpan<char> cluster = normalised.AsSpan(position, StringInfo.GetNextTextElementLength(normalised.AsSpan(position)));
            position += cluster.Length;
            Rune.DecodeFromUtf16(cluster, out Rune first, out _);
            if (IsUnspacedScript(first))
            {
                Flush();
                AppendWordPart(word, cluster);
                Flush(); // the script blocks also hold punctuation such as "・" and "๏", which leaves the word empty
            }
            else if (IsWordStart(first))
            {
                if (pendingJoiner is { } joiner)
                {
                    word.Append(joiner);
                    pendingJoiner = null;
                }

                AppendWordPart(word, cluster);
            }
            else if (word.Length > 0 && pendingJoiner is null && Joiner(first) is { } joiner)
            {
                // Kept only if a letter follows: "dogs' " and "well- " lose it.
                pendingJoiner = joiner;
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return tokens;
    }

    private static bool IsWordStart(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    // Inside a word cluster keep letters, digits and combining marks; drop variation selectors, enclosing marks
    // (keycaps), joiners and emoji modifiers, which would otherwise make "1️⃣" and "1" different tokens.
    private static void AppendWordPart(StringBuilder word, ReadOnlySpan<char> cluster)
    {
        if (cluster.Length == 1 && char.IsLetterOrDigit(cluster[0]))
        {
            word.Append(cluster[0]); // the common case: one plain letter or digit
            return;
        }

        foreach (Rune rune in cluster.EnumerateRunes())
        {
            bool mark = Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if ((IsWordStart(rune) || mark) && !IsVariationSelector(rune))
            {
                word.Append(rune.ToString());
            }
        }
    }

    private static bool IsVariationSelector(Rune rune) => rune.Value is
        (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0x180B and <= 0x180F);

    private static char? Joiner(Rune rune) => rune.Value switch
    {
        '\'' or '\u2019' or '\u02BC' => '\'',
        '-' or '\u2010' => '-',
        _ => null,
    };

    // Scripts written without spaces between words: a character is the best token we can cut without a dictionary.
    private static bool IsUnspacedScript(Rune rune) => rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x3400 and <= 0x4DBF => true,   // CJK Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xF900 and <= 0xFAFF => true,   // CJK Compatibility Ideographs
        >= 0x20000 and <= 0x2FA1F => true, // CJK Extensions B-F and supplements
        >= 0x0E00 and <= 0x0E7F => true,   // Thai
        >= 0x0E80 and <= 0x0EFF => true,   // Lao
        >= 0x1000 and <= 0x109F => true,   // Myanmar
        >= 0x1780 and <= 0x17FF => true,   // Khmer
        _ => false,
    };
}
