using Itm.Cli.Rendering;
using Itm.Evaluation;
using Itm.Evaluation.Calibration;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm eval</c>: the standard retrieval protocol on one split, as a table and optionally JSON.</summary>
public sealed class EvalCommand : Command<EvalSettings>
{
    private readonly IAnsiConsole console;

    public EvalCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        var result = new JobProgressRenderer(console).Run(progress => EvalJob.Run(settings.ToJobOptions(), progress, cancellationToken));
        var report = result.Report;
        var rows = new List<(string, EvalReport)> { (Path.GetFileName(Path.GetFullPath(settings.Model!)), report) };
        if (result.FoldMean is { } folds)
        {
            rows.Add(($"mean of {settings.Folds}-image folds", report with { Metrics = folds }));
        }

        console.Write(MetricsTable.Build($"{report.Dataset} {report.Split}: {report.Images} images, {report.Sentences} sentences", rows));
        if (result.Calibration is { } calibration)
        {
            console.Write(CalibrationTable.Build($"Calibration of search scores on {report.Split}", calibration));
        }
        else
        {
            console.MarkupLine($"[grey]The model has no calibration.json; `itm calibrate --model {Markup.Escape(settings.Model!)} --data DATASET.json` fits one.[/]");
        }

        if (settings.Json is not null)
        {
            EvalReportJson.Write(report, settings.Json, result.Calibration);
            console.MarkupLine($"Wrote [bold]{Markup.Escape(settings.Json)}[/].");
        }

        if (settings.Reliability is not null)
        {
            ReliabilityPlot.Write(result.Calibration ?? throw new ArgumentException(
                $"--reliability draws the model's calibration, and {settings.Model} has none: run `itm calibrate --model {settings.Model} --data DATASET.json` first."),
                settings.Reliability);
            console.MarkupLine($"Wrote [bold]{Markup.Escape(settings.Reliability)}[/].");
        }

        return 0;
    }
}
