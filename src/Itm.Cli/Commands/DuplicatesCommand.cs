using Itm.Cli.Rendering;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm duplicates</c>: the groups of exact and near-duplicate images in an index, from their stored vectors.</summary>
public sealed class DuplicatesCommand : Command<DuplicatesSettings>
{
    private readonly IAnsiConsole console;

    public DuplicatesCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, DuplicatesSettings settings, CancellationToken cancellationToken)
    {
        using var service = QueryService.Open(settings.Db!);
        var report = service.Duplicates(settings.ToOptions(), cancellationToken);
        DuplicatesView.Write(console, settings.Json, settings.Db!, report);
        return 0;
    }
}
