using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>The live progress display every long itm job runs under: description, bar, percentage, elapsed and remaining time.</summary>
internal static class LiveProgress
{
    /// <summary>Runs <paramref name="body"/> with the display's context and returns its result; bars vanish when done.</summary>
    public static T Run<T>(IAnsiConsole console, Func<ProgressContext, T> body)
    {
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context => result = body(context));
        return result;
    }
}
