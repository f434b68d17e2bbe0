using Itm.Data;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Itm.Data.Readers;
using Itm.Evaluation.Study;
using Itm.Training.Jobs;

namespace Itm.Training.Study;

/// <summary>
/// Runs a study: every configuration of the grid with every seed (seed-major, so a budget cut leaves whole seeds of the
/// grid rather than a few configurations with many), then writes <c>results.json</c>, <c>report.md</c> and the plots.
/// Each run is a model folder under <c>OUT/runs/KEY/seed-N</c>; a finished run is never trained again, so re-running the
/// command resumes a stopped study and, once it is complete, only redraws the report. Several processes started on the
/// same folder share the runs out (<see cref="RunClaim"/>): each trains the next run no other is training.
/// </summary>
public static class StudyRunner
{
    public const string RunFile = "study-run.json";

    private const string TrainedElsewhere = "being trained by another study process on this folder";

    public static StudyResults Run(StudyOptions options, IProgress<StudyEvent>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var grid = StudyGrid.Build(options);
        var dataset = DatasetLoader.Load(options.DatasetPath, options.ReadOptions);
        int[] seeds = [.. Enumerable.Range(options.BaseTrainer.Seed, options.Seeds)];
        var runs = grid.Cells.ToDictionary(c => c.Key, _ => new List<StudyRun>());
        var skipped = new List<StudySkip>();
        var clock = Stopwatch.StartNew();

        var plan = (from seed in seeds from cell in grid.Cells select (Cell: cell, Seed: seed)).ToList();
        int done = plan.Count(p => File.Exists(RunPath(options, p.Cell, p.Seed)));
        progress?.Report(new StudyPlanned(grid.Cells.Count, plan.Count, done));

        for (int i = 0; i < plan.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (cell, seed) = plan[i];
            string runFile = RunPath(options, cell, seed);
            if (File.Exists(runFile))
            {
                runs[cell.Key].Add(StudyResults.LoadRun(runFile));
                continue;
            }

            if (options.ReportOnly)
            {
                skipped.Add(new StudySkip(cell.Key, seed, "not run yet", Failed: false));
                continue;
            }

            if (options.Budget is { } budget && clock.Elapsed + Estimate(cell, runs, grid) > budget)
            {
                string reason = $"over the {budget.TotalMinutes:F0}-minute budget";
                skipped.Add(new StudySkip(cell.Key, seed, reason, Failed: false));
                progress?.Report(new StudyRunSkipped(cell.Key, seed, reason));
                continue;
            }

            using var claim = RunClaim.TryTake(RunFolder(options, cell, seed));
            if (claim is null)
            {
                skipped.Add(new StudySkip(cell.Key, seed, TrainedElsewhere, Failed: false));
                progress?.Report(new StudyRunSkipped(cell.Key, seed, TrainedElsewhere));
                continue;
            }

            // Another process may have finished this run between the check above and the claim.
            if (File.Exists(runFile))
            {
                runs[cell.Key].Add(StudyResults.LoadRun(runFile));
                continue;
            }

            progress?.Report(new StudyRunStarted(cell.Key, seed, i + 1, plan.Count));
            var run = Train(options, cell, seed, progress, cancellation, out string? failure);
            if (run is null)
            {
                skipped.Add(new StudySkip(cell.Key, seed, failure!, Failed: true));
                progress?.Report(new StudyRunSkipped(cell.Key, seed, failure!));
                continue;
            }

            StudyResults.SaveRun(run, runFile);
            runs[cell.Key].Add(run);
            progress?.Report(new StudyRunFinished(cell.Key, seed, run.Test, run.Seconds));
        }

        // Runs that other processes were training when this one passed them count if they have finished since.
        foreach (var skip in skipped.Where(s => s.Reason == TrainedElsewhere).ToList())
        {
            string runFile = RunPath(options, grid.Cells.Single(c => c.Key == skip.Key), skip.Seed);
            if (File.Exists(runFile))
            {
                runs[skip.Key].Add(StudyResults.LoadRun(runFile));
                skipped.Remove(skip);
            }
        }

        var results = new StudyResults(
            dataset.Name,
            options.DatasetPath,
            options.Command,
            seeds,
            options.Budget?.TotalMinutes,
            runs.Values.SelectMany(r => r).Sum(r => r.Seconds),
            Machine(),
            grid.Sweeps,
            [.. grid.Cells.Select(c => new StudyConfig(c.Key, c.Settings, [.. runs[c.Key].OrderBy(r => r.Seed)]))],
            skipped);
        results.Save(Path.Combine(options.OutDir, StudyResults.FileName));
        StudyPlots.WriteAll(results, options.OutDir);
        string report = Path.Combine(options.OutDir, StudyReport.FileName);
        StudyReport.Write(results, report);
        progress?.Report(new StudyWritten(report));
        return results;
    }

    public static string RunFolder(StudyOptions options, StudyCell cell, int seed) =>
        Path.Combine(options.OutDir, "runs", cell.Key, $"seed-{seed}");

    private static string RunPath(StudyOptions options, StudyCell cell, int seed) => Path.Combine(RunFolder(options, cell, seed), RunFile);

    private static StudyRun? Train(StudyOptions options, StudyCell cell, int seed, IProgress<StudyEvent>? progress, CancellationToken cancellation, out string? failure)
    {
        string folder = RunFolder(options, cell, seed);
        var clock = Stopwatch.StartNew();
        var job = new TrainJobOptions
        {
            DatasetPath = options.DatasetPath,
            ReadOptions = options.ReadOptions,
            OutDir = folder,
            CacheDir = options.CacheDir,
            Model = cell.Model,
            Trainer = cell.Trainer with { Seed = seed },
            EvaluateTest = true,
        };
        try
        {
            var result = TrainJob.Run(job, new InlineProgress<JobEvent>(e => progress?.Report(new StudyRunProgressed(e))), cancellation);
            failure = null;
            if (result.Test is null)
            {
                failure = "the dataset has no test split to evaluate on";
                return null;
            }

            // The checkpoint (weights and optimiser state of the last epoch) is only for resuming this run; the model folder
            // keeps the best weights. Dropping it keeps a full study to a few hundred MB.
            TrainJob.DropCheckpoint(folder);

            return new StudyRun(seed, result.Test, result.Training.BestEpoch, result.Training.History.Epochs.Count,
                clock.Elapsed.TotalSeconds, [.. result.Training.History.Epochs.Select(e => e.ValRSum)]);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
        {
            // One configuration that cannot train (say, a text model this dataset is too small for) is reported in the
            // study and does not take the other runs down with it.
            failure = $"failed: {e.Message}";
            return null;
        }
    }

    /// <summary>Expected wall time of a run: the mean of this configuration's finished runs, else of its text model's, else of all.</summary>
    private static TimeSpan Estimate(StudyCell cell, Dictionary<string, List<StudyRun>> runs, StudyGrid grid)
    {
        IEnumerable<StudyRun> same = runs[cell.Key];
        IEnumerable<StudyRun> sameText = grid.Cells.Where(c => c.Model.Text == cell.Model.Text && c.Model.Image == cell.Model.Image).SelectMany(c => runs[c.Key]);
        IEnumerable<StudyRun> all = runs.Values.SelectMany(r => r);
        var basis = same.Any() ? same : sameText.Any() ? sameText : all;
        return basis.Any() ? TimeSpan.FromSeconds(basis.Average(r => r.Seconds)) : TimeSpan.Zero;
    }

    private static string Machine() =>
        $"{Environment.ProcessorCount} CPU cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
}
