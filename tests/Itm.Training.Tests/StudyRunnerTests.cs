using Itm.Data.Recipes;
using Itm.Evaluation;
using Itm.Evaluation.Study;
using Itm.Model.JointEmbedding;
using Itm.Model.Sampling;
using Itm.Training.Study;
using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;

namespace Itm.Training.Tests;

/// <summary>The study grid and runner, end to end on tiny generated scenes.</summary>
[Collection("Sequential")]
public sealed class StudyRunnerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-study-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private StudyOptions Options(string dataset, string outDir) => new()
    {
        DatasetPath = dataset,
        OutDir = outDir,
        CacheDir = Path.Combine(root, "cache"),
        BaseModel = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip }, Image = new() { Model = ConvNetSpec.ConvNet, PixelSize = 32 } },
        BaseTrainer = new TrainerOptions { Epochs = 1, BatchSize = 16 },
        Seeds = 2,
        Sweeps = [StudySweepKind.Text, StudySweepKind.Direction],
        Texts = ["bow"],
        Directions = [Direction.Both, Direction.Search],
        DirectionObjectives = ["infonce/inbatch"],
    };

    [Fact]
    public void The_grid_trains_a_configuration_shared_by_sweeps_once_and_keys_are_stable()
    {
        var grid = StudyGrid.Build(Options("d.json", "out") with
        {
            Sweeps = [StudySweepKind.Text, StudySweepKind.Objective, StudySweepKind.Direction],
            Texts = ["bow", "ngram-3+skip"],
            Objectives = ["infonce/inbatch", "sum/semihard"],
        });

        // The base (ngram-3+skip, infonce/inbatch, both) is in all three sweeps but is one cell.
        Assert.Equal(3, grid.Sweeps.Count);
        Assert.Equal(4, grid.Cells.Count); // base, bow, sum/semihard, search
        Assert.All(grid.Sweeps, s => Assert.Equal(s.BaseKey, s.Entries[0].Key));
        Assert.Equal("ngram-3+skip_convnet_infonce_inbatch_both", grid.Cells[0].Key);
        Assert.Contains(grid.Cells, c => c.Key == "ngram-3+skip_convnet_infonce_inbatch_search");
    }

    [Fact]
    public void The_prior_design_trains_both_directions_and_adds_the_specialised_directions_prior()
    {
        var grid = StudyGrid.Build(Options("d.json", "out") with
        {
            Sweeps = [StudySweepKind.Direction],
            Directions = [Direction.Both, Direction.Search, Direction.Annotate],
            DirectionObjectives = ["infonce/inbatch+prior"],
        });

        var cells = grid.Sweeps.Single().Entries.Select(e => grid.Cells.Single(c => c.Key == e.Key)).ToList();
        Assert.Equal([QueryPrior.None, QueryPrior.Search, QueryPrior.Annotate], cells.Select(c => c.Model.Prior));
        Assert.Equal([0f, 1f, 1f], cells.Select(c => c.Trainer.Negatives.CounterWeight));
        Assert.Equal("ngram-3+skip_convnet_infonce_inbatch_search+1_search", cells[1].Key);
    }

    [Fact]
    public void The_counter_design_keeps_the_other_direction_at_the_weight_it_names()
    {
        var grid = StudyGrid.Build(Options("d.json", "out") with
        {
            Sweeps = [StudySweepKind.Direction],
            Directions = [Direction.Both, Direction.Search, Direction.Annotate],
            DirectionObjectives = ["infonce/global+counter:0.25"],
        });

        var sweep = grid.Sweeps.Single();
        var cells = sweep.Entries.Select(e => grid.Cells.Single(c => c.Key == e.Key)).ToList();
        Assert.Equal("direction-infonce-global+counter-0.25", sweep.Name);
        Assert.All(cells, c => Assert.Equal(NegativeKind.Global, c.Trainer.Negatives.Kind));
        Assert.All(cells, c => Assert.Equal(QueryPrior.None, c.Model.Prior));
        Assert.Equal([Direction.Both, Direction.Search, Direction.Annotate], cells.Select(c => c.Trainer.Negatives.Direction));
        Assert.Equal([0.25f, 0.25f], cells.Skip(1).Select(c => c.Trainer.Negatives.CounterWeight));
        Assert.Equal("ngram-3+skip_convnet_infonce_global_annotate+0.25", cells[2].Key);
    }

    [Theory]
    [InlineData("infonce/inbatch+counter")]
    [InlineData("infonce/inbatch+counter:-1")]
    [InlineData("infonce/inbatch+posterior")]
    public void A_bad_direction_design_is_a_format_error_naming_it(string spec)
    {
        var options = Options("d.json", "o") with { Sweeps = [StudySweepKind.Direction], DirectionObjectives = [spec] };

        var error = Assert.ThrowsAny<FormatException>(() => StudyGrid.Build(options));
        Assert.Contains(spec, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("texts", "ngram-4")]
    [InlineData("texts", "words")]
    [InlineData("objectives", "infonce")]
    [InlineData("objectives", "mean/inbatch")]
    [InlineData("objectives", "sum/furthest")]
    public void A_bad_axis_value_is_a_format_error_naming_it(string axis, string value)
    {
        var options = axis == "texts" ? Options("d.json", "o") with { Texts = [value] } : Options("d.json", "o") with { Sweeps = [StudySweepKind.Objective], Objectives = [value] };

        var error = Assert.ThrowsAny<FormatException>(() => StudyGrid.Build(options));
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_writes_its_report_and_a_second_invocation_trains_nothing()
    {
        // Given 48 generated scenes
        var dataset = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "data"), ImageCount: 32, ValCount: 6, TestCount: 6, ImageSize: 32)).Run();
        string outDir = Path.Combine(root, "study");
        var events = new List<StudyEvent>();

        // When a 2-sweep study runs with 2 seeds
        var results = StudyRunner.Run(Options(dataset.DatasetPath, outDir), new Progress(events));

        // Then 3 configurations (base, bow, search) × 2 seeds were trained and evaluated
        Assert.Equal(3, results.Configs.Count);
        Assert.All(results.Configs, c => Assert.Equal([1, 2], c.Runs.Select(r => r.Seed)));
        Assert.Empty(results.Skipped);
        Assert.Equal(6, events.OfType<StudyRunFinished>().Count());
        foreach (string file in new[] { "report.md", "results.json", "sweep-text.png", "curves-text.png", "sweep-direction-infonce-inbatch.png" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("## Text model", report, StringComparison.Ordinal);
        Assert.Contains("| bow | 2 |", report, StringComparison.Ordinal);
        Assert.Contains("## Direction specialisation", report, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(StudyRunner.RunFolder(Options(dataset.DatasetPath, outDir), StudyGrid.Build(Options(dataset.DatasetPath, outDir)).Cells[0], 1), "checkpoint")));

        // And run again, it trains nothing and reports the same figures
        events.Clear();
        var again = StudyRunner.Run(Options(dataset.DatasetPath, outDir), new Progress(events));
        Assert.Empty(events.OfType<StudyRunStarted>());
        Assert.Equal(
            results.Configs.SelectMany(c => c.Runs).Select(r => r.Test.RSum),
            again.Configs.SelectMany(c => c.Runs).Select(r => r.Test.RSum));
        Assert.Equal(results.Configs.Count, StudyResults.Load(Path.Combine(outDir, "results.json")).Configs.Count);

        // And with a third seed asked for, --report-only trains nothing and lists the missing runs
        events.Clear();
        var partial = StudyRunner.Run(Options(dataset.DatasetPath, outDir) with { Seeds = 3, ReportOnly = true }, new Progress(events));
        Assert.Empty(events.OfType<StudyRunStarted>());
        Assert.Equal(3, partial.Skipped.Count);
        Assert.All(partial.Skipped, s => Assert.Equal(3, s.Seed));
        Assert.Contains("not run yet", File.ReadAllText(Path.Combine(outDir, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_budget_too_small_for_the_next_run_skips_it_and_says_why()
    {
        var dataset = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "data"), ImageCount: 32, ValCount: 6, TestCount: 6, ImageSize: 32)).Run();
        var options = Options(dataset.DatasetPath, Path.Combine(root, "budget")) with { Budget = TimeSpan.FromMinutes(1) };

        // Given a finished run that took an hour (written as a resumed study would find it), so that the estimate for every
        // other run exceeds a one-minute budget whatever the speed of this machine
        var first = StudyGrid.Build(options).Cells[0];
        var metrics = new RetrievalMetrics(new DirectionMetrics(10, 20, 30, 5, 8), new DirectionMetrics(10, 20, 30, 5, 8));
        StudyResults.SaveRun(
            new StudyRun(1, new EvalReport("synthetic", "test", 6, 30, metrics), BestEpoch: 1, Epochs: 1, Seconds: 3600, [100]),
            Path.Combine(StudyRunner.RunFolder(options, first, 1), StudyRunner.RunFile));

        var results = StudyRunner.Run(options);

        Assert.Equal(1, results.Configs.Sum(c => c.Runs.Count));
        Assert.Equal(5, results.Skipped.Count);
        Assert.All(results.Skipped, s => Assert.False(s.Failed));
        Assert.Contains("budget", results.Skipped[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_another_process_is_training_is_left_to_it_and_counted_once_it_is_done()
    {
        var dataset = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "data"), ImageCount: 32, ValCount: 6, TestCount: 6, ImageSize: 32)).Run();
        var options = Options(dataset.DatasetPath, Path.Combine(root, "shared")) with { Seeds = 1 };
        string claimedFolder = StudyRunner.RunFolder(options, StudyGrid.Build(options).Cells[0], 1);
        Directory.CreateDirectory(claimedFolder);

        // Given another process holding the first run (its lock on the run's claim file)
        StudyResults first;
        using (new FileStream(Path.Combine(claimedFolder, ".study-claim"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            first = StudyRunner.Run(options);
        }

        // Then this process trained the other two runs and left that one, saying why
        Assert.Equal(2, first.Configs.Sum(c => c.Runs.Count));
        var skip = Assert.Single(first.Skipped);
        Assert.False(skip.Failed);
        Assert.Contains("another study process", skip.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(claimedFolder, StudyRunner.RunFile)));

        // And once the lock is gone (the process ended), a new invocation trains just that run
        var events = new List<StudyEvent>();
        var second = StudyRunner.Run(options, new Progress(events));
        Assert.Single(events.OfType<StudyRunStarted>());
        Assert.Equal(3, second.Configs.Sum(c => c.Runs.Count));
        Assert.Empty(second.Skipped);
        Assert.False(File.Exists(Path.Combine(claimedFolder, ".study-claim")));
    }

    private sealed class Progress(List<StudyEvent> events) : IProgress<StudyEvent>
    {
        public void Report(StudyEvent value) => events.Add(value);
    }
}
