using System.Globalization;
using System.Text;

namespace Itm.Evaluation.Study;

/// <summary>
/// Writes a study's <c>report.md</c> from its <see cref="StudyResults"/>: one table per sweep (every metric as
/// mean ± standard deviation over seeds, and the change of R-sum against the sweep's base), the direction
/// specialisation test, and links to the plots <see cref="StudyPlots"/> draws.
/// </summary>
public static class StudyReport
{
    public const string FileName = "report.md";

    public static string Render(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        var any = results.Configs.SelectMany(c => c.Runs).FirstOrDefault();
        md.AppendLine(CultureInfo.InvariantCulture, $"# itm study: {results.Dataset}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `{results.Command}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Data: `{results.DatasetPath}`{(any is null ? "" : $", {any.Test.Split} split: {any.Test.Images} images, {any.Test.Sentences} sentences")}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Seeds: {string.Join(", ", results.Seeds)}; {results.Configs.Sum(c => c.Runs.Count)} models trained and evaluated in {Minutes(results.RunSeconds)}{(results.BudgetMinutes is double b ? $" (budget {b:F0} min)" : "")} on {results.Machine}.");
        md.AppendLine("- Every figure is the mean ± sample standard deviation over seeds. R@K in %; i2t = annotation (image → sentences), t2i = search (sentence → images); MedR/MeanR are ranks (lower is better); R-sum is the sum of the six R@K. Δ R-sum is the mean per-seed difference to the sweep's base row.");
        md.AppendLine();

        foreach (var sweep in results.Sweeps)
        {
            WriteSweep(md, results, sweep);
        }

        WriteSpecialisation(md, results);

        if (results.Skipped.Count > 0)
        {
            md.AppendLine("## Not run");
            md.AppendLine();
            foreach (var skip in results.Skipped)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{skip.Key}` seed {skip.Seed}: {skip.Reason}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    public static void Write(StudyResults results, string path) => File.WriteAllText(path, Render(results));

    /// <summary>Every direction sweep's specialisation tests (search vs both on t2i, annotate vs both on i2t).</summary>
    public static IReadOnlyList<SpecialisationTest> Specialisation(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var tests = new List<SpecialisationTest>();
        foreach (var sweep in results.Sweeps.Where(s => s.Name.StartsWith("direction", StringComparison.Ordinal)))
        {
            var both = sweep.Entries.FirstOrDefault(e => e.Label == "both");
            if (both is null)
                continue;
            foreach (var (label, search) in new[] { ("search", true), ("annotate", false) })
            {
                var entry = sweep.Entries.FirstOrDefault(e => e.Label == label);
                if (entry is not null && SpecialisationTest.Compare(sweep.Title, label, search, results.Config(entry.Key), results.Config(both.Key)) is { } test)
                    tests.Add(test);
            }
        }

        return tests;
    }

    private static void WriteSweep(StringBuilder md, StudyResults results, StudySweep sweep)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"## {sweep.Title}");
        md.AppendLine();
        var baseConfig = results.Config(sweep.BaseKey);
        var varied = results.Configs.Where(c => sweep.Entries.Any(e => e.Key == c.Key)).ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"Base: {Describe(baseConfig)}.");
        md.AppendLine();
        md.AppendLine("| variant | seeds | i2t R@1 | i2t R@5 | i2t R@10 | i2t MedR | i2t MeanR | t2i R@1 | t2i R@5 | t2i R@10 | t2i MedR | t2i MeanR | R-sum | Δ R-sum | epochs | min/run |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var entry in sweep.Entries)
        {
            var config = results.Config(entry.Key);
            if (config.Runs.Count == 0)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {entry.Label} | 0 | not run |||||||||||||| ");
                continue;
            }

            var runs = config.Runs;
            string Cell(Func<StudyRun, double> f, string number = "F1") => Spread.Of(runs.Select(f)).Format(number);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {entry.Label}{(entry.Key == sweep.BaseKey ? " (base)" : "")} | {runs.Count} " +
                $"| {Cell(r => r.Test.ImageToText.R1)} | {Cell(r => r.Test.ImageToText.R5)} | {Cell(r => r.Test.ImageToText.R10)} | {Cell(r => r.Test.ImageToText.MedR, "F0")} | {Cell(r => r.Test.ImageToText.MeanR, "F0")} " +
                $"| {Cell(r => r.Test.TextToImage.R1)} | {Cell(r => r.Test.TextToImage.R5)} | {Cell(r => r.Test.TextToImage.R10)} | {Cell(r => r.Test.TextToImage.MedR, "F0")} | {Cell(r => r.Test.TextToImage.MeanR, "F0")} " +
                $"| {Cell(r => r.Test.RSum)} | {Delta(config, baseConfig)} | {Cell(r => r.Epochs, "F0")} | {Cell(r => r.Seconds / 60)} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"![{sweep.Title}]({StudyPlots.SweepFile(sweep)}) ![validation curves]({StudyPlots.CurvesFile(sweep)})");
        md.AppendLine();
        if (varied.Count > 0 && sweep.Entries.Count > 1)
        {
            var best = sweep.Entries.Select(e => results.Config(e.Key)).Where(c => c.Runs.Count > 0)
                .MaxBy(c => c.Runs.Average(r => r.Test.RSum));
            if (best is not null)
            {
                string label = sweep.Entries.First(e => e.Key == best.Key).Label;
                md.AppendLine(CultureInfo.InvariantCulture, $"Highest mean R-sum: **{label}** ({Spread.Of(best.Runs.Select(r => r.Test.RSum)).Format()}).");
                md.AppendLine();
            }
        }
    }

    private static void WriteSpecialisation(StringBuilder md, StudyResults results)
    {
        var tests = Specialisation(results);
        if (tests.Count == 0)
            return;
        md.AppendLine("## Direction specialisation");
        md.AppendLine();
        md.AppendLine("Same steps, same seeds: does training for one direction beat training for both on that direction's R@1? " +
            "\"Beyond the seed spread\" means every per-seed difference is positive and the mean difference exceeds both rows' standard deviations.");
        md.AppendLine();
        md.AppendLine("| sweep | trained for | metric | specialised | both | per-seed difference | mean difference | beyond the seed spread |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var t in tests)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Sweep} | {t.Direction} | {t.Metric} | {t.Specialised.Format()} | {t.Both.Format()} | {string.Join(", ", t.Differences.Select(Signed))} | {Signed(t.Differences.Average())} | {(t.BeyondSeedSpread ? "yes" : "no")} |");
        }

        md.AppendLine();
    }

    private static string Delta(StudyConfig config, StudyConfig baseConfig)
    {
        if (config.Key == baseConfig.Key)
            return "—";
        var bySeed = baseConfig.Runs.ToDictionary(r => r.Seed);
        double[] d = [.. config.Runs.Where(r => bySeed.ContainsKey(r.Seed)).Select(r => r.Test.RSum - bySeed[r.Seed].Test.RSum)];
        if (d.Length == 0)
            return "n/a";
        var spread = Spread.Of(d);
        return spread.Count < 2 ? Signed(spread.Mean) : string.Create(CultureInfo.InvariantCulture, $"{Signed(spread.Mean)} ± {spread.Sd:F1}");
    }

    private static string Describe(StudyConfig config) =>
        string.Join(", ", config.Settings.Select(kv => $"{kv.Key} {kv.Value}"));

    private static string Signed(double value) => value.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);

    private static string Minutes(double seconds) => seconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min");
}
