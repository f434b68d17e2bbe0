using Itm.Cli.Rendering;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm calibrate</c>: fits a model's calibration of search scores on a dataset split and writes it into the model folder.</summary>
public sealed class CalibrateCommand : Command<CalibrateSettings>
{
    private readonly IAnsiConsole console;

    public CalibrateCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, CalibrateSettings settings, CancellationToken cancellationToken)
    {
        var result = new JobProgressRenderer(console).Run(progress => CalibrateJob.Run(settings.ToJobOptions(), progress, cancellationToken));
        console.MarkupLine($"Wrote [bold]{Markup.Escape(result.Path)}[/]. `itm eval` measures it on the test split; " +
                           "`itm search --min-precision P` and the API's minPrecision use it.");
        return 0;
    }
}
