using Itm.Data.Images;
using Itm.Data.Images.Ocr;
using Itm.Data.IO;
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

    public static int Report(Exception exception, IAnsiConsole console, IReadOnlyList<string>? args = null)
    {
        // Parallel loops wrap the one error that matters; report that one.
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        if (exception is CommandAppException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(NameTheOption(exception.Message, args ?? []))}");
            console.MarkupLine("Run [bold]itm --help[/] or [bold]itm COMMAND --help[/] for usage.");
            return BadInput;
        }

        int code = exception switch
        {
            // Not the user's input: a Garnet node is down. Worth retrying, and the message names the node.
            IndexFolderException { Problem: IndexProblem.BackendUnavailable } => Failed,
            DatasetFormatException or ImageLoadException or ModelFolderException or IndexFolderException or CalibrationMissingException or FileNotFoundException
                or GradCamUnavailableException or DirectoryNotFoundException or ArgumentException or FormatException or InvalidDataException => BadInput,
            OperationCanceledException => Failed,
            _ => Failed,
        };
        console.MarkupLine($"[red]error:[/] {Markup.Escape(exception.Message)}");
        // A full or read-only disk is not a bug: the message says what to do, a stack trace would bury it.
        if (code == Failed && exception is not (OperationCanceledException or IndexFolderException or StorageFailureException or OcrUnavailableException))
        {
            console.WriteLine(exception.ToString());
        }

        return code;
    }

    /// <summary>
    /// Spectre's "Failed to convert 'abc' to Int32." (for an enum followed by "Valid values are …") doesn't say which
    /// option; the command line does: the option written just before the value (or as <c>--option=value</c>). Nor does
    /// its "Invalid long option name." for a one-letter option written with two dashes.
    /// </summary>
    internal static string NameTheOption(string message, IReadOnlyList<string> args)
    {
        // Spectre refuses "--k" (a long option of one letter) without saying which one it is.
        if (message == "Invalid long option name." && args.FirstOrDefault(arg => arg.Length == 3 && arg.StartsWith("--", StringComparison.Ordinal)) is { } letter)
        {
            return $"{letter} is not an option: a one-letter option takes one dash ({letter[1..]}).";
        }

        var match = System.Text.RegularExpressions.Regex.Match(
            message, "^Failed to convert '(?<value>.*?)' to (?<type>[^ ]+?)\\.(?<rest> .*)?$", System.Text.RegularExpressions.RegexOptions.Singleline);
        if (!match.Success)
        {
            return message;
        }

        string value = match.Groups["value"].Value;
        for (int i = 0; i < args.Count; i++)
        {
            string? option = args[i] == value && i > 0 && args[i - 1].StartsWith('-') ? args[i - 1]
                : args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal) ? args[i][..args[i].IndexOf('=', StringComparison.Ordinal)]
                : null;
            if (option is not null)
            {
                return $"Failed to convert '{value}' to {match.Groups["type"].Value}, the value of {option}.{match.Groups["rest"].Value}";
            }
        }

        return message;
    }
}
