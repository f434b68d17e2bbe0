using Itm.Data;
using System.Globalization;
using Itm.Training;
using Itm.Training.Jobs;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>
/// Renders a job's events: a progress bar with rate and time left for long stages (image features,
/// each training epoch), and one line per finished stage and per epoch.
/// </summary>
internal sealed class JobProgressRenderer
{
    private readonly IAnsiConsole console;

    public JobProgressRenderer(IAnsiConsole console)
    {
        this.console = console;
    }

    /// <summary>Runs <paramref name="job"/> under a live progress display and returns its result.</summary>
    public T Run<T>(Func<IProgress<JobEvent>, T> job) => LiveProgress.Run(console, context =>
    {
        ProgressTask? task = null;
        var result = job(new InlineProgress<JobEvent>(e => Handle(context, ref task, e)));
        task?.StopTask();
        return result;
    });

    private void Handle(ProgressContext context, ref ProgressTask? task, JobEvent e)
    {
        switch (e)
        {
            case StageStarted { Total: > 0 } started:
                task?.StopTask();
                task = context.AddTask(Markup.Escape(started.Description), maxValue: started.Total);
                break;
            case StageStarted started:
                console.MarkupLine($"[grey]{Markup.Escape(started.Description)}...[/]");
                break;
            case StageAdvanced advanced when task is not null:
                task.Value = advanced.Done;
                break;
            case StageFinished finished:
                task?.StopTask();
                task = null;
                console.MarkupLine($"[green]✓[/] {Markup.Escape(finished.Summary)}");
                break;
            case TrainingProgressed { Event: StepCompleted step }:
                if (task is null || step.Step == 1)
                {
                    task?.StopTask();
                    task = context.AddTask($"epoch {step.Epoch}", maxValue: step.StepsPerEpoch);
                }

                task.Value = step.Step;
                task.Description = string.Create(CultureInfo.InvariantCulture,
                    $"epoch {step.Epoch}  loss {step.Loss:F4}  {step.PairsPerSecond:F0} pairs/s");
                break;
            case TrainingProgressed { Event: EpochCompleted epoch }:
                task?.StopTask();
                task = null;
                var r = epoch.Record;
                string val = double.IsNaN(r.ValRSum) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"  val R-sum {r.ValRSum:F1}");
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"  epoch {r.Epoch,3}  loss {r.TrainLoss:F4}{val}  lr {r.LearningRate:G3}  {r.Seconds:F1}s{(epoch.IsBest ? "  [green]best[/]" : string.Empty)}"));
                break;
            case TrainingProgressed { Event: IdenticalCaptionsMasked masked }:
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [grey]epoch {masked.Epoch,3}  {masked.InBatchPairs} in-batch pairs with identical captions kept out of the negatives[/]"));
                break;
            case TrainingProgressed { Event: Resumed resumed }:
                console.MarkupLine($"[yellow]Resuming after epoch {resumed.CompletedEpochs} from the checkpoint.[/]");
                break;
            case TrainingProgressed { Event: StoppedEarly stopped }:
                console.MarkupLine($"[yellow]Stopped early at epoch {stopped.Epoch}: no improvement since epoch {stopped.BestEpoch}.[/]");
                break;
        }
    }
}
