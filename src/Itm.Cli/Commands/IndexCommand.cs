using Itm.Cli.Rendering;
using Itm.Search;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm index</c>: embed a folder of images (and optionally a caption corpus) into an index, incrementally.</summary>
public sealed class IndexCommand : Command<IndexSettings>
{
    private readonly IAnsiConsole console;

    public IndexCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, IndexSettings settings, CancellationToken cancellationToken)
    {
        var report = new IndexProgressRenderer(console).Run(progress => IndexJob.Run(settings.ToJobOptions(), progress, cancellationToken));
        IndexReportView.Write(console, report, settings.Db!);
        return 0;
    }
}
