using Itm.Data.Recipes;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm data prepare</c>: runs a dataset recipe and says where its dataset.json is.</summary>
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
        string datasetPath = settings.Recipe switch
        {
            DatasetRecipe.Synthetic => PrepareSynthetic(settings, log),
            DatasetRecipe.OpenClipart => new OpenClipartRecipe(new OpenClipartOptions(settings.Out!, Seed: settings.Seed), log).Run().DatasetPath,
            DatasetRecipe.TuxPaint => new TuxPaintRecipe(new TuxPaintOptions(settings.Out!, Seed: settings.Seed), log).Run().DatasetPath,
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Recipe, null),
        };
        console.MarkupLine($"[green]✓[/] Dataset written: [bold]{Markup.Escape(datasetPath)}[/]");
        console.MarkupLine($"Next: [bold]./itm train --data {Markup.Escape(datasetPath)} --out models/{settings.Recipe.ToString().ToLowerInvariant()}[/]");
        return 0;
    }

    private static string PrepareSynthetic(DataPrepareSettings settings, IProgress<string> log)
    {
        int count = settings.Count ?? new SyntheticOptions(settings.Out!).ImageCount;
        // Val and test are a sixth of the images each (1,000 of the default 6,000).
        int heldOut = Math.Max(1, count / 6);
        var options = new SyntheticOptions(settings.Out!, ImageCount: count, ValCount: heldOut, TestCount: heldOut, Seed: settings.Seed);
        return new SyntheticRecipe(options, log).Run().DatasetPath;
    }
}
