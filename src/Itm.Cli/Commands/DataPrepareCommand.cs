using Itm.Data;
using Itm.Data.Recipes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm data prepare</c>: runs a recipe of <see cref="RecipeCatalog"/> and says where its dataset.json is.</summary>
public sealed class DataPrepareCommand : Command<DataPrepareSettings>
{
    private readonly IAnsiConsole console;

    public DataPrepareCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, DataPrepareSettings settings, CancellationToken cancellationToken)
    {
        var log = new InlineProgress<string>(line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
        var recipe = RecipeCatalog.Get(settings.Recipe);
        string datasetPath = recipe.Prepare(new RecipeRequest(settings.Out!, settings.Seed, settings.Count, settings.PackageDir), log);
        console.MarkupLine($"[green]✓[/] Dataset written: [bold]{Markup.Escape(datasetPath)}[/]");
        console.MarkupLine($"Next: [bold]./itm train --data {Markup.Escape(datasetPath)} --out models/{recipe.Name}[/]");
        return 0;
    }
}
