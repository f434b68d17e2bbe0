using Itm.Cli.Rendering;
using Itm.Data;
using Itm.Data.Recipes;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>
/// <c>itm base build</c>: prepares the <c>base</c> recipe (unless its dataset.json is there), trains the default
/// configuration on it, and leaves a folder fit to ship: the checkpoint goes, the recipe reports (sets, versions,
/// licences) come along under <c>sources/</c>.
/// </summary>
public sealed class BaseBuildCommand : Command<BaseBuildSettings>
{
    private readonly IAnsiConsole console;

    public BaseBuildCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, BaseBuildSettings settings, CancellationToken cancellationToken)
    {
        string datasetPath = settings.Data!;
        string dataDir = Path.GetDirectoryName(Path.GetFullPath(datasetPath))!;
        if (File.Exists(datasetPath))
        {
            console.MarkupLine($"Reusing [bold]{Markup.Escape(datasetPath)}[/] (delete {Markup.Escape(dataDir)} to prepare it again).");
        }
        else
        {
            var log = new InlineProgress<string>(line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            datasetPath = RecipeCatalog.Get(BaseTrainingData.RecipeName).Prepare(new RecipeRequest(dataDir), log);
        }

        var options = settings.ToJobOptions() with { DatasetPath = datasetPath };
        var result = new JobProgressRenderer(console).Run(progress => TrainJob.Run(options, progress, cancellationToken));
        if (result.Test is not null)
        {
            console.Write(MetricsTable.Build($"{result.Test.Dataset} test split (held-out families of the same sets)", [(options.Model.Text.Model.Name, result.Test)]));
        }

        string sources = BaseTrainingData.CopyReports(dataDir, result.ModelDir);
        TrainJob.DropCheckpoint(result.ModelDir);
        console.MarkupLine($"Base model: [bold]{Markup.Escape(result.ModelDir)}[/]; the sets, versions and licences it was trained on: {Markup.Escape(sources)}.");
        return 0;
    }
}
