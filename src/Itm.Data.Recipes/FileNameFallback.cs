using Itm.Data.Text;

namespace Itm.Data.Recipes;

/// <summary>One drawing as the file-name fallback sees it.</summary>
/// <param name="FileName">The copied file's name or relative path.</param>
/// <param name="Family">Its file-name family (<see cref="NearDuplicateGrouper.FamilyOf"/>).</param>
/// <param name="AgentNames">The creator, publisher, rights holder and contributor names as found, addresses included (<see cref="SvgMetadata.Agents"/>).</param>
/// <param name="OwnCaptions">Every caption cleaning gave the drawing, boilerplate included.</param>
/// <param name="KeptCaptions">The captions it still has after the boilerplate filter; a fallback is built only when there are none.</param>
public sealed record FallbackDrawing(
    string FileName,
    string Family,
    IReadOnlyList<string> AgentNames,
    IReadOnlyList<CaptionCandidate> OwnCaptions,
    IReadOnlyList<CaptionCandidate> KeptCaptions);

/// <summary>What the fallback decided for each drawing.</summary>
/// <param name="Captions">Per drawing (same order as given): its file-name caption, or null (it has captions of its own, or the fallback failed).</param>
/// <param name="Uninformative">Drawings without a caption whose file name had no word that says something.</param>
/// <param name="Boilerplate">Drawings without a caption whose file-name caption was itself boilerplate.</param>
public sealed record FallbackResult(IReadOnlyList<CaptionCandidate?> Captions, int Uninformative, int Boilerplate);

/// <summary>
/// Rescues drawings left without a caption (all their captions were collection boilerplate, or cleaning left none)
/// with a caption made of their file name's words (<see cref="FileNameCaptioner"/>), when those words say something
/// and are not boilerplate themselves. Drawings that keep captions of their own are left as they are.
/// </summary>
/// <remarks>
/// A file-name caption is kept when both hold:
/// <list type="number">
/// <item>One of its words <b>says something</b>: it has three letters or more, is not a generic file word
/// (<see cref="FileNameCaptioner.CanSaySomething"/>), is not a word of the drawing's own boilerplate titles and
/// descriptions ("part_of_the_flat_icon_c_01", "people_juliane_krug_05a" under the title "people"), and some
/// other caption uses it: a caption any drawing kept, or the file-name words of a drawing of another family. A word
/// used nowhere else cannot be learned from other images, and it is what app names ("kget", "ksokoban") and
/// shorthand ("aocenterh", "insrow") look like; a word known only from other file names also needs a vowel, since
/// one icon series shares its abbreviations ("fldr", "trsh").</item>
/// <item>It is <b>not boilerplate</b>, by the same measure as every other caption (<see cref="BoilerplateFilter"/>):
/// drawings of fewer than <c>minFamilies</c> file-name families carry it, counting every drawing's own captions
/// (boilerplate included) and the other file-name captions. A whole icon set named "star_NNptNNstep" gives "star
/// step" to 1,375 drawings, which singles out none of them. A caption already known to be boilerplate (from a count
/// over more drawings) is boilerplate too. The own captions are only counted, never dropped again: the fallback
/// does not change what other drawings keep.</item>
/// </list>
/// </remarks>
public sealed class FileNameFallback
{
    private readonly BoilerplateFilter _filter;

    /// <param name="minFamilies">As for <see cref="BoilerplateFilter"/>.</param>
    public FileNameFallback(int minFamilies)
    {
        _filter = new BoilerplateFilter(minFamilies);
    }

    /// <summary>A file-name caption for each drawing that has no caption left and whose file name earns one (see the remarks).</summary>
    /// <param name="drawings">Every drawing of the collection that may become an image.</param>
    /// <param name="knownBoilerplate">Caption keys already found to be boilerplate (<see cref="BoilerplateFilter.Find"/>), perhaps
    /// over more drawings than these: a file-name caption with such a key is boilerplate too.</param>
    public FallbackResult Build(IReadOnlyList<FallbackDrawing> drawings, IReadOnlySet<string> knownBoilerplate)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        ArgumentNullException.ThrowIfNull(knownBoilerplate);
        var vocabulary = new HashSet<string>(
            drawings.SelectMany(d => d.KeptCaptions).SelectMany(c => Tokenizer.Tokenize(c.Text)),
            StringComparer.Ordinal);
        var captioner = new FileNameCaptioner(vocabulary);

        var words = new IReadOnlyList<string>?[drawings.Count];
        // Per file-name word, the families whose file-name captions use it.
        var families = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (int i = 0; i < drawings.Count; i++)
        {
            if (drawings[i].KeptCaptions.Count > 0)
                continue;
            words[i] = captioner.Words(drawings[i].FileName, drawings[i].AgentNames);
            foreach (string word in words[i]!)
            {
                if (!families.TryGetValue(word, out HashSet<string>? set))
                    families[word] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(drawings[i].Family);
            }
        }

        var candidates = new CaptionCandidate?[drawings.Count];
        int uninformative = 0;
        for (int i = 0; i < drawings.Count; i++)
        {
            if (words[i] is not { } own)
                continue;
            // The words of boilerplate titles and descriptions name the collection ("part of the flat icon
            // collection", "people"); a file named after them says nothing more. Keyword lists are left out of this:
            // their words are categories ("house, building, home"), and a file named "house" is a house.
            var collectionText = new HashSet<string>(
                drawings[i].OwnCaptions.Where(c => c.Kind is CaptionKind.Title or CaptionKind.Description).SelectMany(c => Tokenizer.Tokenize(c.Text)),
                StringComparer.Ordinal);
            string family = drawings[i].Family;
            bool saysSomething = own.Any(w => FileNameCaptioner.CanSaySomething(w) && !collectionText.Contains(w)
                && (vocabulary.Contains(w) || (HasVowel(w) && families[w].Any(f => f != family))));
            if (saysSomething)
                candidates[i] = new CaptionCandidate(CaptionKind.FileName, string.Join(' ', own));
            else
                uninformative++;
        }

        IReadOnlyDictionary<string, int> boilerplate = _filter.Find(drawings.Select((d, i) =>
            (d.Family, d.OwnCaptions.Select(c => c.Key).Concat(candidates[i] is { } c ? [c.Key] : Array.Empty<string>()))));
        int boilerplateCount = 0;
        for (int i = 0; i < candidates.Length; i++)
        {
            if (candidates[i] is { } candidate && (boilerplate.ContainsKey(candidate.Key) || knownBoilerplate.Contains(candidate.Key)))
            {
                candidates[i] = null;
                boilerplateCount++;
            }
        }

        return new FallbackResult(candidates, uninformative, boilerplateCount);
    }

    /// <summary>
    /// Whether a word has a vowel. A word that only other file names use and that has none is one series'
    /// abbreviation ("fldr", "trsh" in the Blueberry icons), not a word a caption can teach.
    /// </summary>
    private static bool HasVowel(string word) => word.Any(c => "aeiouyàáâäèéêëìíîïòóôöùúûü".Contains(c));
}
