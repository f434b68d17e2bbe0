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
    /// Parts whose training images count more than once an epoch (<see cref="DatasetUnion"/>): the few hundred colour
    /// drawings of things and the flags, among 77,000 icons. Of 1, 4, 8 and 16 times for the drawings, 8 gave the best
    /// sum of the zero-shot R-sums on the three held-out benchmarks (docs/base-model.md has the figures).
    /// </summary>
    public static IReadOnlyDictionary<string, int> Repeats { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [DrawingsRecipe.DatasetName] = 8,
        [FlagsDatasetRecipe.RecipeName] = 4,
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
        foreach (string part in Parts.Prepend(RecipeName))
        {
            string report = part == RecipeName ? Path.Combine(dataDir, ReportFile) : Path.Combine(dataDir, part, ReportFile);
            if (File.Exists(report))
                File.Copy(report, Path.Combine(target, $"{part}.json"), overwrite: true);
        }

        return target;
    }
}
