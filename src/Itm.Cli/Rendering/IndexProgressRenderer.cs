using Itm.Data;
using System.Diagnostics;
using System.Globalization;
using Itm.Index.Indexing;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>
/// Renders an indexing run's events: a progress bar with the rate (images or captions per second) and time left for
/// the embedding stages, and one line per finished stage and per notice.
/// </summary>
internal sealed class IndexProgressRenderer
{
    private readonly IAnsiConsole console;

    public IndexProgressRenderer(IAnsiConsole console)
    {
        this.console = console;
    }

    /// <summary>Runs <paramref name="job"/> under a live progress display and returns its result.</summary>
    public T Run<T>(Func<IProgress<IndexEvent>, T> job) => LiveProgress.Run(console, context =>
    {
        var state = new Bar();
        var result = job(new InlineProgress<IndexEvent>(e => Handle(context, state, e)));
        state.Task?.StopTask();
        return result;
    });

    private void Handle(ProgressContext context, Bar bar, IndexEvent e)
    {
        switch (e)
        {
            case IndexStageStarted { Total: > 0 } started:
                bar.Task?.StopTask();
                bar.Task = context.AddTask(Markup.Escape(started.Description), maxValue: started.Total);
                bar.Description = started.Description;
                bar.Unit = started.Stage switch
                {
                    IndexStage.EmbedCaptions => "captions/s",
                    IndexStage.SyncGarnet => "vectors/s",
                    _ => "img/s",
                };
                bar.Clock.Restart();
                break;
            case IndexStageStarted started:
                console.MarkupLine($"[grey]{Markup.Escape(started.Description)}...[/]");
                break;
            case IndexStageAdvanced advanced when bar.Task is not null:
                bar.Task.Value = advanced.Done;
                double seconds = bar.Clock.Elapsed.TotalSeconds;
                if (seconds > 0.5)
                {
                    bar.Task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{bar.Description}  {advanced.Done / seconds:F0} {bar.Unit}"));
                }

                break;
            case IndexStageFinished finished:
                bar.Task?.StopTask();
                bar.Task = null;
                console.MarkupLine($"[green]✓[/] {Markup.Escape(finished.Summary)}");
                break;
            case IndexNotice notice:
                console.MarkupLine($"[yellow]{Markup.Escape(notice.Message)}[/]");
                break;
        }
    }

    /// <summary>The bar of the stage in progress.</summary>
    private sealed class Bar
    {
        public ProgressTask? Task { get; set; }

        public string Description { get; set; } = string.Empty;

        public string Unit { get; set; } = string.Empty;

        public Stopwatch Clock { get; } = new();
    }
}
