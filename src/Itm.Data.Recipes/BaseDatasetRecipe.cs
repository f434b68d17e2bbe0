namespace Itm.Data.Recipes;

/// <summary>What the <c>base</c> recipe wrote: the union's path and what each part brought.</summary>
public sealed record BaseDatasetReport(string Dataset, IReadOnlyList<DatasetUnionPart> Parts, int Images, int Sentences, double Seconds);

/// <summary>
/// The base model's training data ("base"): every recipe of <see cref="BaseTrainingData.Parts"/> (or of a wider list,
/// <see cref="BaseTrainingData.ColourParts"/> for "base-colour") prepared into <c>OUT/&lt;part&gt;</c>,
/// then one <c>OUT/dataset.json</c> over all of them (<see cref="DatasetUnion"/>), each part's splits kept, so the
/// base model's own R@K is measured on held-out families of the same sets.
/// </summary>
/// <remarks>
/// OpenClipart, Tux Paint and every emoji set are never parts: they are the base model's held-out benchmarks
/// (<see cref="BaseTrainingData.HeldOut"/>; a test checks the two lists never meet).
/// </remarks>
/// <param name="name">The recipe's name: <see cref="BaseTrainingData.RecipeName"/>, or another union's.</param>
/// <param name="parts">The recipes it unites: <see cref="BaseTrainingData.Parts"/>, or a wider list.</param>
internal sealed class BaseDatasetRecipe(string name, IReadOnlyList<string> parts) : IDatasetRecipe
{
    public BaseDatasetRecipe()
        : this(BaseTrainingData.RecipeName, BaseTrainingData.Parts)
    {
    }

    public string Name => name;

    public string Description => name == BaseTrainingData.RecipeName
        ? $"The base model's training data: {string.Join(", ", parts)} in one dataset (never OpenClipart, Tux Paint or emoji)."
        : $"A wider union for the base model: {string.Join(", ", parts)} in one dataset (never OpenClipart, Tux Paint or emoji).";

    public string Source => "the recipes it unites; each part's recipe-report.json records its sets and licences.";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string outDir = Path.GetFullPath(request.OutDir);
        var prepared = new List<(string Name, string DatasetPath)>();
        foreach (string part in parts)
        {
            log?.Report($"Preparing {part} into {Path.Combine(outDir, part)}");
            prepared.Add((part, RecipeCatalog.Get(part).Prepare(request with { OutDir = Path.Combine(outDir, part), PackageDir = null }, log)));
        }

        string datasetPath = Path.Combine(outDir, "dataset.json");
        IReadOnlyList<DatasetUnionPart> written = DatasetUnion.Write(Name, prepared, datasetPath, BaseTrainingData.Repeats);
        var report = new BaseDatasetReport(Name, written, written.Sum(p => p.Images), written.Sum(p => p.Sentences), Math.Round(clock.Elapsed.TotalSeconds, 1));
        RecipeJson.Write(Path.Combine(outDir, BaseTrainingData.ReportFile), report);
        log?.Report($"{Name} dataset: {report.Images} images, {report.Sentences} sentences from {string.Join(", ", written.Select(p => $"{p.Name} ({p.Images})"))}");
        return datasetPath;
    }
}
