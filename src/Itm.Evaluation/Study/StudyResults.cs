using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itm.Evaluation.Study;

/// <summary>One trained and evaluated model of a study: one configuration with one seed.</summary>
/// <param name="Seed">The training seed.</param>
/// <param name="Test">Its test-split evaluation.</param>
/// <param name="BestEpoch">The epoch whose weights were kept (best validation score).</param>
/// <param name="Epochs">Epochs run (early stopping may end before the limit).</param>
/// <param name="Seconds">Wall-clock time of the whole run: features, training, evaluation.</param>
/// <param name="ValidationCurve">Validation R-sum after each epoch.</param>
public sealed record StudyRun(int Seed, EvalReport Test, int BestEpoch, int Epochs, double Seconds, IReadOnlyList<double> ValidationCurve);

/// <summary>A configuration of the grid and its runs (one per seed that was run).</summary>
/// <param name="Key">Stable, folder-safe identity of the configuration; equal settings give equal keys.</param>
/// <param name="Settings">What distinguishes it (text model, loss, negatives, direction, image model…), for the report.</param>
/// <param name="Runs">Its finished runs, by seed.</param>
public sealed record StudyConfig(string Key, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<StudyRun> Runs);

/// <summary>One row of a sweep: a label and the configuration it stands for.</summary>
public sealed record StudySweepEntry(string Label, string Key);

/// <summary>One factor varied from a shared base configuration, all else equal.</summary>
/// <param name="Name">Short name (<c>text</c>, <c>objective</c>, <c>direction</c>, <c>image</c>).</param>
/// <param name="Title">Heading in the report.</param>
/// <param name="BaseKey">The configuration the others are compared with.</param>
/// <param name="Entries">Its rows, in the order asked for.</param>
public sealed record StudySweep(string Name, string Title, string BaseKey, IReadOnlyList<StudySweepEntry> Entries);

/// <summary>A run that the study did not do, and why: the budget, or a failure (<paramref name="Failed"/>) with its message.</summary>
public sealed record StudySkip(string Key, int Seed, string Reason, bool Failed);

/// <summary>
/// Everything a study measured (<c>results.json</c>): the report and plots are drawn from this alone, so they can be
/// redrawn without training anything. <c>RunSeconds</c> adds up the wall time of every run reported, including runs
/// done by earlier invocations of the study.
/// </summary>
public sealed record StudyResults(
    string Dataset,
    string DatasetPath,
    string Command,
    IReadOnlyList<int> Seeds,
    double? BudgetMinutes,
    double RunSeconds,
    string Machine,
    IReadOnlyList<StudySweep> Sweeps,
    IReadOnlyList<StudyConfig> Configs,
    IReadOnlyList<StudySkip> Skipped)
{
    public const string FileName = "results.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public StudyConfig Config(string key) =>
        Configs.FirstOrDefault(c => c.Key == key) ?? throw new KeyNotFoundException($"The study has no configuration '{key}'.");

    /// <summary>Writes atomically (a temporary file moved into place).</summary>
    public void Save(string path) => MetricsJson.WriteFile(path, json => JsonSerializer.Serialize(json, this, Json));

    /// <exception cref="InvalidDataException">Not a study results file; the message names it.</exception>
    public static StudyResults Load(string path) => Read<StudyResults>(path, "study results");

    /// <summary>Writes one run's record (kept in its model folder, so a re-run of the study skips it).</summary>
    public static void SaveRun(StudyRun run, string path) => MetricsJson.WriteFile(path, json => JsonSerializer.Serialize(json, run, Json));

    /// <exception cref="InvalidDataException">Not a study run file; the message names it.</exception>
    public static StudyRun LoadRun(string path) => Read<StudyRun>(path, "study run");

    private static T Read<T>(string path, string what)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a {what} file: {e.Message}. Delete it to redo that part.", e);
        }
    }
}
