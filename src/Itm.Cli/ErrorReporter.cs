using Itm.Data.Images;
using Itm.Data.Readers;
using Itm.Index;
using Itm.Model.Persistence;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli;

/// <summary>Turns an exception into a one-paragraph message and the documented exit code.</summary>
internal static class ErrorReporter
{
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Report(Exception exception, IAnsiConsole console)
    {
        // Parallel loops wrap the one error that matters; report that one.
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        if (exception is CommandAppException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(exception.Message)}");
            console.MarkupLine("Run [bold]itm --help[/] or [bold]itm COMMAND --help[/] for usage.");
            return BadInput;
        }

        int code = exception switch
        {
            DatasetFormatException or ImageLoadException or ModelFolderException or IndexFolderException or CalibrationMissingException or FileNotFoundException
                or GradCamUnavailableException or DirectoryNotFoundException or ArgumentException or FormatException or InvalidDataException => BadInput,
            OperationCanceledException => Failed,
            _ => Failed,
        };
        console.MarkupLine($"[red]error:[/] {Markup.Escape(exception.Message)}");
        if (code == Failed && exception is not OperationCanceledException)
        {
            console.WriteLine(exception.ToString());
        }

        return code;
    }
}
