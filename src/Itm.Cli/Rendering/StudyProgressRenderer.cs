using Itm.Data;
using System.Globalization;
using Itm.Training;
using Itm.Training.Jobs;
using Itm.Training.Study;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>
/// Renders a study: one line per run started, finished or skipped, and one progress bar for the epoch being trained
/// (per-epoch lines would be a thousand lines for a full study; each run's history.png has them).
/// </summary>
internal sealed class StudyProgressRenderer
{
    private readonly IAnsiConsole console;

    public StudyProgressRenderer(IAnsiConsole console)
    {
        this.console = console;
    }

    public T Run<T>(Func<IProgress<StudyEvent>, T> study) => LiveProgress.Run(console, context =>
    {
        ProgressTask? task = null;
        string current = string.Empty;
        var result = study(new InlineProgress<StudyEvent>(e => Handle(context, ref task, ref current, e)));
        task?.StopTask();
        return result;
    });

    private void Handle(ProgressContext context, ref ProgressTask? task, ref string current, StudyEvent e)
    {
        switch (e)
        {
            case StudyPlanned planned:
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"Study: {planned.Configurations} configurations, {planned.Runs} runs ({planned.AlreadyDone} already done)."));
                break;
            case StudyRunStarted started:
                current = string.Create(CultureInfo.InvariantCulture, $"[{started.Number}/{started.Total}] {started.Key} seed {started.Seed}");
                console.MarkupLine($"[grey]{Markup.Escape(current)}...[/]");
                break;
            case StudyRunProgressed { Event: StageStarted { Total: > 0 } stage }:
                task?.StopTask();
                task = context.AddTask(Markup.Escape(stage.Description), maxValue: stage.Total);
                break;
            case StudyRunProgressed { Event: StageAdvanced advanced } when task is not null:
                task.Value = advanced.Done;
                break;
            case StudyRunProgressed { Event: TrainingProgressed { Event: StepCompleted step } }:
                if (task is null || step.Step == 1)
                {
                    task?.StopTask();
                    task = context.AddTask($"epoch {step.Epoch}", maxValue: step.StepsPerEpoch);
                }

                task.Value = step.Step;
                task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"epoch {step.Epoch}  loss {step.Loss:F3}  {step.PairsPerSecond:F0} pairs/s"));
                break;
            case StudyRunFinished finished:
                task?.StopTask();
                task = null;
                var m = finished.Test.Metrics;
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"[green]✓[/] {Markup.Escape(current)}: R@1 i2t {m.ImageToText.R1:F1} t2i {m.TextToImage.R1:F1}, R-sum {m.RSum:F1} ({finished.Seconds:F0} s)"));
                break;
            case StudyRunSkipped skipped:
                console.MarkupLine($"[yellow]- {Markup.Escape(skipped.Key)} seed {skipped.Seed}: {Markup.Escape(skipped.Reason)}[/]");
                break;
            case StudyWritten written:
                task?.StopTask();
                task = null;
                console.MarkupLine($"Report: [bold]{Markup.Escape(written.ReportPath)}[/]");
                break;
        }
    }
}
