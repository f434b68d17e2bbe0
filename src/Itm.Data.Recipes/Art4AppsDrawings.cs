namespace Itm.Data.Recipes;

/// <summary>
/// The Art4Apps picture dictionary (art4apps.org: colour drawings of everyday words for children's apps, CC BY-SA 3.0)
/// as Debian's pysiogame ships it: <c>CATEGORY/WORD.jpg</c>, about 600 drawings in 12 categories. A drawing's
/// captions are its word ("belly_button.jpg" → "belly button") and its category ("fruit_n_veg" → "fruit and vegetables").
/// </summary>
public sealed class Art4AppsDrawings : IDrawingSet
{
    private static readonly IReadOnlyDictionary<string, string> CategoryWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["n"] = "and",
        ["veg"] = "vegetables",
    };

    public string Key => "art4apps";

    public string Package => "pysiogame";

    public string DefaultSourceDir => "/usr/share/games/pysiogame/res/images/art4apps";

    public string Licence => "CC-BY-SA-3.0";

    public string Credit => "the Art4Apps project (art4apps.org)";

    public IReadOnlyList<string> List(string sourceDir) =>
        RecipeSource.FindFiles(sourceDir, "*.jpg").Concat(RecipeSource.FindFiles(sourceDir, "*.png"))
            // Only CATEGORY/WORD: a file at the top has no category, one deeper is not part of the dictionary.
            .Where(path => path.Count(c => c == '/') == 1)
            .Order(StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<CaptionCandidate> Captions(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string folder = DrawingNames.FolderOf(relativePath);
        IReadOnlyList<string> word = DrawingNames.Words(Path.GetFileNameWithoutExtension(relativePath));
        if (word.Count == 0)
            return [];
        // "n" is a single letter, which DrawingNames drops; the category keeps it as "and".
        string category = string.Join(' ', folder.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => CategoryWords.TryGetValue(w, out string? spelled) ? spelled : w));
        return [new CaptionCandidate(CaptionKind.Title, string.Join(' ', word)), new CaptionCandidate(CaptionKind.Keywords, category)];
    }
}
