using System.Globalization;
using System.Text;

namespace Itm.Data.Text;

/// <summary>
/// Unicode-aware word tokenizer for captions: NFKC-normalises, lower-cases (culture-invariant),
/// keeps runs of letters, digits and combining marks as words (an apostrophe or hyphen between two
/// letters stays inside the word: "don't", "t-shirt"), drops punctuation and symbols, and splits
/// ideographic scripts (CJK, kana, Thai...) that are written without spaces into one token per character.
/// </summary>
public static class Tokenizer
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var tokens = new List<string>();
        var word = new StringBuilder();

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }

        var runes = normalised.EnumerateRunes().ToArray();
        for (int i = 0; i < runes.Length; i++)
        {
            Rune rune = runes[i];
            if (IsUnspacedScript(rune))
            {
                Flush();
                tokens.Add(rune.ToString());
            }
            else if (IsWordRune(rune))
            {
                word.Append(rune.ToString());
            }
            else if (IsJoiner(rune) && word.Length > 0 && i + 1 < runes.Length && IsWordRune(runes[i + 1]) && !IsUnspacedScript(runes[i + 1]))
            {
                word.Append(rune.ToString());
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return tokens;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    private static bool IsJoiner(Rune rune) => rune.Value is '\'' or '\u2019' or '-';

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
