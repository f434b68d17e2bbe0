using Itm.Cli.Rendering;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm search</c>: the indexed images that best match a query (words, with an image too when given).</summary>
public sealed class SearchCommand : Command<SearchSettings>
{
    private readonly IAnsiConsole console;

    public SearchCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, SearchSettings settings, CancellationToken cancellationToken)
    {
        // Parsed before the index is opened, so a bad query is reported as that, whatever the index.
        var query = settings.ToQuery();
        using var service = QueryService.Open(settings.Db!, settings.ToQueryOptions() with { Words = new WordMatchOptions { Weight = settings.WordWeight } });
        var answer = service.Answer(query, settings.K, settings.Precision);
        MatchesView.WriteImages(console, settings.Json, QueryKind.Search, settings.Sentence, settings.Db!, answer.Matches, settings.Precision, answer);
        MatchesView.WriteAnsweredBy(console, settings.Json, service.Stats());
        return 0;
    }
}
