using Itm.Cli.Rendering;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm train</c>: binds the options and runs the training job with a live progress display.</summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    private readonly IAnsiConsole console;

    public TrainCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToJobOptions();
        var result = new JobProgressRenderer(console).Run(progress => TrainJob.Run(options, progress, cancellationToken));
        if (result.Test is not null)
        {
            console.Write(MetricsTable.Build($"{result.Test.Dataset} test split", [(options.Model.Text.Model.Name, result.Test)]));
        }

        console.MarkupLine($"Model folder: [bold]{Markup.Escape(result.ModelDir)}[/] (history.png shows the training curves).");
        return 0;
    }
}
