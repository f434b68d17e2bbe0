using System.Text.RegularExpressions;

namespace Itm.Data.Recipes;

/// <summary>
/// Turns a drawing's file name into caption words, for drawings whose own captions were all collection
/// boilerplate: "signs_and_symbols/map_symbols/aiga_waiting_room1.svg" → "waiting room". Only words of the
/// file name are used, so nothing is invented; what is left out is numbering, the author's name, the names of
/// icon collections and two-letter fragments.
/// </summary>
/// <remarks>
/// The steps, in order:
/// <list type="number">
/// <item>Split the name (without folder and extension) at every character that is not a letter or digit, at
/// camelCase and at letter/digit changes, and lower-case it ("aiga_waiting_room1" → aiga waiting room 1).</item>
/// <item>Drop numbers and single letters ("ornamental_h_7" → ornamental).</item>
/// <item>Drop the author part. OpenClipart names uploads <c>&lt;title&gt;_&lt;author first&gt;_&lt;author last&gt;_NN</c>
/// and cuts long names short, so an author word is a word of an agent's name or the start (two letters or more) of
/// one. Removed are runs of two or more author words anywhere after the first word ("bullet_hole_linda_kim_aa" by
/// Linda Kim → bullet hole) and author words at the end ("tigre05_architetto_franc_01" by Architetto Francesco
/// Rollandin → tigre). The first word stays and so does a lone author word inside the name, so a title word that is
/// also a name word ("rose_garden" by Rose Smith) survives; a name made only of author words
/// ("architetto_francesco_ro_01") gives nothing. The library's own name ("Open Clip Art
/// Library", the publisher of most files) is no author.</item>
/// <item>Drop the names of icon collections and file formats (<see cref="CollectionWords"/>), two-letter fragments
/// that no kept caption uses ("jk", "pt"; "tv" and "up" are used) and repeated words.</item>
/// </list>
/// Run-together words ("fileprint") are not split: with only the collection's own words to check against, one
/// split in ten was wrong on this corpus ("password" → "pas sword", "configure" → "con figure"). Whether the
/// words say enough, and whether they are boilerplate themselves, <see cref="FileNameFallback"/> decides.
/// </remarks>
public sealed partial class FileNameCaptioner
{
    /// <summary>Letters of the one word a file-name caption must have that says something (<see cref="CanSaySomething"/>).</summary>
    public const int MinWordLetters = 3;

    /// <summary>
    /// Words that name an icon set, a symbol standard or a file format rather than what is drawn: "aiga" (the AIGA
    /// symbol signs), "gnome" and "mime" (GNOME mime-type icons), "theme", "icon", "icons", "iconset", "collection", "svg".
    /// </summary>
    public static readonly IReadOnlySet<string> CollectionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "aiga", "gnome", "mime", "theme", "icon", "icons", "iconset", "collection", "svg",
    };

    // Shorter name words are initials, and shorter file-name words would be the start of too many names. A single
    // letter left by a cut name ("linda_kim_t") is dropped with the other single letters anyway.
    private const int MinAuthorPrefixLetters = 2;

    private readonly IReadOnlySet<string> _vocabulary;

    /// <param name="vocabulary">The lower-case words of the collection's kept captions: which words count as real.</param>
    public FileNameCaptioner(IReadOnlySet<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
    }

    /// <summary>The words of the caption the file name gives, in file order; empty when none is left (the steps of the remarks).</summary>
    /// <param name="fileName">The file's name or relative path; only the name is used.</param>
    /// <param name="agentNames">The drawing's agent names as found (<see cref="SvgMetadata.Agents"/>); every run of letters in them is a name word,
    /// so "fudriot@omic.ch" gives fudriot, omic and ch.</param>
    public IReadOnlyList<string> Words(string fileName, IReadOnlyList<string> agentNames)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(agentNames);

        List<string> words = SplitName(fileName);
        RemoveAuthorPart(words, AuthorWords(agentNames));

        var kept = new List<string>();
        foreach (string part in words)
        {
            if (CollectionWords.Contains(part) || IsFragment(part) || kept.Contains(part))
                continue;
            kept.Add(part);
        }

        return kept;
    }

    /// <summary>
    /// Whether a word may be the one that says something: <see cref="MinWordLetters"/> letters or more and not a
    /// generic file word ("file", "new", "image"). The fallback also asks that another drawing's captions use it.
    /// </summary>
    public static bool CanSaySomething(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length >= MinWordLetters && !CaptionCleaner.GenericWords.Contains(word);
    }

    /// <summary>A two-letter piece that no kept caption uses ("jk", "pt", "bb"): an abbreviation, not a word ("tv" and "up" are used).</summary>
    private bool IsFragment(string word) => word.Length == 2 && !_vocabulary.Contains(word);

    /// <summary>The lower-case words of the file name, without numbers and single letters.</summary>
    internal static List<string> SplitName(string fileName)
    {
        string stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName));
        return Boundary().Split(stem)
            .Where(w => w.Length >= 2 && w.All(char.IsLetter))
            .Select(w => w.ToLowerInvariant())
            .ToList();
    }

    /// <summary>The lower-case words of the agents' names that may appear in a file name, without the library's own name.</summary>
    private static HashSet<string> AuthorWords(IReadOnlyList<string> agentNames)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in agentNames.Where(n => !LibraryName().IsMatch(n)))
        {
            foreach (string word in NonLetters().Split(name))
            {
                if (word.Length >= MinAuthorPrefixLetters)
                    words.Add(word.ToLowerInvariant());
            }
        }

        return words;
    }

    /// <summary>
    /// Removes the author part: every run of two or more words that are all author words ("linda kim" in
    /// "bullet_hole_linda_kim_aa", where a variant letter follows the name), then the author words at the end.
    /// The first word stays, unless every word is an author word.
    /// </summary>
    private static void RemoveAuthorPart(List<string> words, HashSet<string> authorWords)
    {
        // A name that is all author ("architetto_francesco_ro_01") has no title part to keep.
        if (words.All(w => IsAuthorWord(w, authorWords)))
        {
            words.Clear();
            return;
        }

        for (int start = 1; start < words.Count; start++)
        {
            int end = start;
            while (end < words.Count && IsAuthorWord(words[end], authorWords))
                end++;
            if (end - start >= 2)
                words.RemoveRange(start, end - start);
        }

        while (words.Count > 1 && IsAuthorWord(words[^1], authorWords))
            words.RemoveAt(words.Count - 1);
    }

    /// <summary>An author's name word, or the start of one: file names cut long names short ("franc" for Francesco).</summary>
    private static bool IsAuthorWord(string word, HashSet<string> authorWords) =>
        authorWords.Contains(word)
        || (word.Length >= MinAuthorPrefixLetters && authorWords.Any(a => a.StartsWith(word, StringComparison.Ordinal)));

    // Non-word characters, camelCase ("RedApple", "HTMLPage") and letter/digit changes ("arrow08", "03c").
    [GeneratedRegex(@"[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"[^\p{L}]+")]
    private static partial Regex NonLetters();

    // "Open Clip Art Library", "Open Clip Art Project", "openclipart.org": the publisher, never the author.
    [GeneratedRegex(@"open\s*clip\s*art", RegexOptions.IgnoreCase)]
    private static partial Regex LibraryName();
}
