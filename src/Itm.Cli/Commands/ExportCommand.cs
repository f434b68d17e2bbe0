using Itm.Cli.Rendering;
using Itm.Search.Export;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm export</c>: an index's embeddings (.npy + parquet, clip-retrieval's layout) and its model's encoders as ONNX.</summary>
public sealed class ExportCommand : Command<ExportSettings>
{
    private readonly IAnsiConsole console;

    public ExportCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var report = ExportJob.Run(settings.ToJobOptions());
        ExportView.Write(console, settings.Json, report);
        return 0;
    }
}
