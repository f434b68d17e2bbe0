using Itm.Cli.Rendering;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm annotate</c>: the captions of the index's corpus that best describe an image.</summary>
public sealed class AnnotateCommand : Command<AnnotateSettings>
{
    private readonly IAnsiConsole console;

    public AnnotateCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, AnnotateSettings settings, CancellationToken cancellationToken)
    {
        using var service = QueryService.Open(settings.Db!, settings.ToQueryOptions());
        var matches = service.Annotate(ImageReference.Parse(settings.Image), settings.K);
        MatchesView.WriteCaptions(console, settings.Json, settings.Image, settings.Db!, matches);
        return 0;
    }
}
