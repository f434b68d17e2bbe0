namespace Itm.Data.Recipes;

/// <summary>
/// The costumes of Scratch 1.4's media library (MIT's Lifelong Kindergarten group, CC BY-SA 3.0) as Debian's scratch
/// package ships them: <c>CATEGORY/NAME.png|gif|jpg</c> in Animals, Fantasy, People, Things and Transportation, about
/// 270 colour drawings, and <c>Letters/STYLE/C.gif</c>, ten coloured alphabets with their digits (350 drawings). A
/// drawing's captions are the words of its name ("tug-boat.gif" → "tug boat", "cat1-a.gif" → "cat") and its category,
/// lower-cased; a letter's are "letter a" and "letters", a digit's "number 7" and "seven".
/// </summary>
/// <remarks>
/// Left out: the animated <c>.sprite</c> files and the <c>scratchthumbs.db</c> thumbnail caches. Most of the People
/// costumes are named after the children who drew or
/// posed for them ("cassy-dancing-3", "anjuli-5"): there only the words that describe the picture are kept
/// (<see cref="PeopleWords"/>), with "person" in front when none of them says who is drawn (<see cref="PersonNouns"/>),
/// so "cassy-dancing-3" is "person dancing", "anjuli-5" is "person" and "boy4-walking-a" is "boy walking".
/// A name that says only its category ("fantasy7.gif" in Fantasy) gives no caption, and the recipe skips it.
/// </remarks>
public sealed class ScratchCostumes : IDrawingSet
{
    /// <summary>The words of a People costume's name that say who is drawn.</summary>
    public static readonly IReadOnlySet<string> PersonNouns = new HashSet<string>(StringComparer.Ordinal)
    {
        "boy", "girl", "man", "woman", "prince", "ballerina", "referee", "diver", "dancer", "breakdancer", "gymnast",
    };

    /// <summary>The words a People costume's name keeps: what the picture shows, not who it is.</summary>
    public static readonly IReadOnlySet<string> PeopleWords = new HashSet<string>(
        PersonNouns.Concat([
            "football", "thai", "ribbon", "curly", "shorts", "bun", "square", "round", "with", "in", "a",
            "dancing", "laughing", "shouting", "standing", "walking", "jumping", "sitting", "phone", "shrugging", "relaxing",
            "run", "stand", "fan",
        ]),
        StringComparer.Ordinal);

    // Run-together and shortened names of this media library, spelled out; "mit" is the credit on one costume.
    private static readonly IReadOnlyDictionary<string, string> Respell = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tennisball"] = "tennis ball",
        ["beachball"] = "beach ball",
        ["magiccarpet"] = "magic carpet",
        ["palmtree"] = "palm tree",
        ["partyhat"] = "party hat",
        ["wizardhat"] = "wizard hat",
        ["buttonpressed"] = "button pressed",
        ["monkeyking"] = "monkey king",
        ["sunglassf"] = "sunglasses",
        ["mic"] = "microphone",
        ["squaregirl"] = "square girl",
        ["roundman"] = "round man",
        ["boycurly"] = "curly boy",
        ["womanbun"] = "woman with a bun",
        ["boyshorts"] = "boy in shorts",
        ["chillin"] = "relaxing",
        ["mit"] = "",
    };

    private const string PeopleFolder = "People";

    private const string LettersFolder = "Letters";

    private static readonly string[] DigitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public string Key => "scratch";

    public string Package => "scratch";

    public string DefaultSourceDir => "/usr/share/scratch/Media/Costumes";

    public string Licence => "CC-BY-SA-3.0";

    public string Credit => "the Lifelong Kindergarten group at the MIT Media Lab (Scratch 1.4)";

    public IReadOnlyList<string> List(string sourceDir) =>
        new[] { "*.png", "*.gif", "*.jpg" }.SelectMany(pattern => RecipeSource.FindFiles(sourceDir, pattern))
            .Where(path => IsLetter(path) || (path.Count(c => c == '/') == 1 && DrawingNames.FolderOf(path) != LettersFolder))
            .Order(StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<CaptionCandidate> Captions(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        if (IsLetter(relativePath))
        {
            char c = char.ToLowerInvariant(Path.GetFileNameWithoutExtension(relativePath)[0]);
            return char.IsDigit(c)
                ? [new CaptionCandidate(CaptionKind.Title, $"number {c}"), new CaptionCandidate(CaptionKind.Title, DigitWords[c - '0'])]
                : [new CaptionCandidate(CaptionKind.Title, $"letter {c}"), new CaptionCandidate(CaptionKind.Keywords, "letters")];
        }

        string folder = DrawingNames.FolderOf(relativePath);
        string category = folder.ToLowerInvariant();
        IReadOnlyList<string> words = DrawingNames.Words(Path.GetFileNameWithoutExtension(relativePath), Respell);
        if (folder == PeopleFolder)
        {
            words = words.Where(PeopleWords.Contains).ToList();
            if (!words.Any(PersonNouns.Contains))
                words = ["person", .. words];
        }

        if (words.Count == 0 || string.Join(' ', words) == category)
            return [];
        return [new CaptionCandidate(CaptionKind.Title, string.Join(' ', words)), new CaptionCandidate(CaptionKind.Keywords, category)];
    }

    /// <summary>Letters/STYLE/C.gif: one letter (a–z) or digit of one lettering style.</summary>
    private static bool IsLetter(string relativePath)
    {
        string[] parts = relativePath.Split('/');
        string stem = Path.GetFileNameWithoutExtension(relativePath);
        return parts.Length == 3 && parts[0] == LettersFolder && stem.Length == 1 && char.IsAsciiLetterOrDigit(stem[0]);
    }
}
