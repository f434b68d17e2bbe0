using Itm.Cli.Rendering;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm similar</c>: the indexed images nearest to an image.</summary>
public sealed class SimilarCommand : Command<SimilarSettings>
{
    private readonly IAnsiConsole console;

    public SimilarCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, SimilarSettings settings, CancellationToken cancellationToken)
    {
        using var service = QueryService.Open(settings.Db!, settings.ToQueryOptions());
        var matches = service.Similar(ImageReference.Parse(settings.Image), settings.K);
        MatchesView.WriteImages(console, settings.Json, QueryKind.Similar, settings.Image, settings.Db!, matches);
        MatchesView.WriteAnsweredBy(console, settings.Json, service.Stats());
        return 0;
    }
}
