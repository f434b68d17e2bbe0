using Spectre.Console;

namespace Itm.Cli.Tests;

/// <summary>Runs <c>itm</c> in-process, as <c>Main(argv)</c> would, capturing what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        int code = ItmApp.Run(args, console);
        return (code, writer.ToString());
    }
}
