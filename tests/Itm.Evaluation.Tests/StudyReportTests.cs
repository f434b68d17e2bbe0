using Itm.Evaluation.Study;

namespace Itm.Evaluation.Tests;

/// <summary>The study's statistics, specialisation rule and report, on hand-made results.</summary>
public sealed class StudyReportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("itm-study-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Spread_is_the_mean_and_sample_standard_deviation()
    {
        // 2, 4, 9: mean 5, squared deviations 9 + 1 + 16 = 26, sample variance 13.
        var spread = Spread.Of([2, 4, 9]);

        Assert.Equal(5, spread.Mean, 12);
        Assert.Equal(Math.Sqrt(13), spread.Sd, 12);
        Assert.Equal((2, 9, 3), (spread.Min, spread.Max, spread.Count));
        Assert.Equal("5.0 ± 3.6", spread.Format());
        Assert.Equal("7.0", Spread.Of([7]).Format());
    }

    [Theory]
    // every seed better, mean difference 2 > both sds (1): beyond
    [InlineData(new double[] { 12, 13, 14 }, new double[] { 10, 11, 12 }, true)]
    // one seed worse: not beyond
    [InlineData(new double[] { 12, 13, 10 }, new double[] { 10, 11, 12 }, false)]
    // all better but by less than the spread: not beyond
    [InlineData(new double[] { 10.5, 13.5, 16.5 }, new double[] { 10, 13, 16 }, false)]
    public void Specialisation_is_beyond_the_seed_spread_only_when_every_seed_gains_more_than_the_spread(double[] specialised, double[] both, bool beyond)
    {
        var test = SpecialisationTest.Compare("Direction", "search", search: true, Config("s", specialised, t2i: true), Config("b", both, t2i: true))!;

        Assert.Equal(beyond, test.BeyondSeedSpread);
        Assert.Equal(specialised.Zip(both, (a, b) => a - b), test.Differences);
        Assert.Equal("t2i R@1", test.Metric);
    }

    [Fact]
    public void The_report_has_a_table_per_sweep_with_mean_and_spread_and_the_specialisation_test()
    {
        var results = Results();

        string report = StudyReport.Render(results);

        Assert.Contains("# itm study: toy", report, StringComparison.Ordinal);
        Assert.Contains("Reproduce: `./itm study --data toy.json --out x`", report, StringComparison.Ordinal);
        // both: t2i R@1 10, 11, 12 → 11.0 ± 1.0; search: 12, 13, 14 → 13.0 ± 1.0; Δ R-sum = +2 per seed.
        Assert.Contains("| both (base) | 3 |", report, StringComparison.Ordinal);
        Assert.Contains("| 11.0 ± 1.0 |", report, StringComparison.Ordinal);
        Assert.Contains("| search | 3 |", report, StringComparison.Ordinal);
        Assert.Contains("| +2.0 ± 0.0 |", report, StringComparison.Ordinal);
        Assert.Contains("| Direction | search | t2i R@1 | 13.0 ± 1.0 | 11.0 ± 1.0 | +2.0, +2.0, +2.0 | +2.0 | yes |", report, StringComparison.Ordinal);
        Assert.Contains("`k-annotate` seed 1: over the 60-minute budget", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_round_trip_through_json_and_plots_are_pngs()
    {
        var results = Results();
        string path = Path.Combine(folder, StudyResults.FileName);

        results.Save(path);
        var loaded = StudyResults.Load(path);
        StudyPlots.WriteAll(loaded, folder);

        Assert.Equal(StudyReport.Render(results), StudyReport.Render(loaded));
        foreach (string png in new[] { "sweep-direction.png", "curves-direction.png" })
        {
            byte[] head = File.ReadAllBytes(Path.Combine(folder, png))[..4];
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, head);
        }
    }

    [Fact]
    public void A_file_that_is_not_study_results_is_named_in_the_error()
    {
        string path = Path.Combine(folder, "bad.json");
        File.WriteAllText(path, "{\"dataset\": 3}");

        var error = Assert.Throws<InvalidDataException>(() => StudyResults.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static StudyResults Results()
    {
        var both = Config("k-both", [10, 11, 12], t2i: true);
        var search = Config("k-search", [12, 13, 14], t2i: true);
        return new StudyResults(
            "toy", "toy.json", "./itm study --data toy.json --out x", [1, 2, 3], 60, 300, "2 CPU cores",
            [new StudySweep("direction", "Direction", "k-both", [new("both", "k-both"), new("search", "k-search")])],
            [both, search],
            [new StudySkip("k-annotate", 1, "over the 60-minute budget", Failed: false)]);
    }

    /// <summary>A configuration whose run with seed i+1 has the i-th R@1 value in one direction and 20 everywhere else.</summary>
    private static StudyConfig Config(string key, double[] r1, bool t2i) => new(
        key,
        new Dictionary<string, string> { ["text"] = "bow" },
        [.. r1.Select((value, i) =>
        {
            var other = new DirectionMetrics(20, 20, 20, 5, 10);
            var varied = other with { R1 = value };
            var metrics = t2i ? new RetrievalMetrics(other, varied) : new RetrievalMetrics(varied, other);
            return new StudyRun(i + 1, new EvalReport("toy", "test", 10, 20, metrics), 2, 3, 60, [50, 60, 55]);
        })]);
}
