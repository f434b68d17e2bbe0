using Itm.Data;
using Itm.Cli.Rendering;
using Itm.Data.Recipes;
using Itm.Model.Persistence;
using Itm.Search;
using Itm.Server;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>
/// <c>itm demo</c>: the main job end to end on real data — prepare OpenClipart, measure the base model on its test split
/// (it never saw OpenClipart: what a user gets before training), fine-tune it on the training split with the default
/// options and measure the gain, show examples, index the dataset's images with the fine-tuned model, say where to
/// look, and serve the web page over that index (unless <c>--no-serve</c>).
/// </summary>
public sealed class DemoCommand : AsyncCommand<DemoSettings>
{
    private readonly IAnsiConsole console;

    public DemoCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        string datasetPath = Path.Combine(settings.DataDir, "dataset.json");
        console.Write(new Rule("[bold]1. Data[/]: OpenClipart drawings with their authors' titles, descriptions and keywords").LeftJustified());
        if (File.Exists(datasetPath))
        {
            console.MarkupLine($"Reusing [bold]{Markup.Escape(datasetPath)}[/] (delete {Markup.Escape(settings.DataDir)} to prepare it again).");
        }
        else
        {
            var log = new InlineProgress<string>(line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            datasetPath = new OpenClipartRecipe(new OpenClipartOptions(settings.DataDir), log).Run().DatasetPath;
        }

        console.Write(new Rule("[bold]2. Search before training[/]: the base model, which never saw OpenClipart, on its test split").LeftJustified());
        var renderer = new JobProgressRenderer(console);
        EvalJobResult Evaluate(string model) => renderer.Run(progress => EvalJob.Run(
            new EvalJobOptions { ModelDir = model, DatasetPath = datasetPath, CacheDir = settings.Cache }, progress, cancellationToken));
        var zeroShot = Evaluate(BaseModel.Name);

        console.Write(new Rule("[bold]3. Fine-tune[/] the base model on OpenClipart's training split").LeftJustified());
        // The same binding as `itm train --init base` with every other option at its default.
        var train = new TrainSettings { Data = datasetPath, Out = settings.ModelDir, Cache = settings.Cache, Epochs = settings.Epochs, Init = BaseModel.Name }.ToJobOptions();
        // The demo's model folder is its own: a run after an update (other options, a grown featurizer) would find the
        // last run's checkpoint and refuse it, so each run fine-tunes afresh.
        string checkpoint = Path.Combine(settings.ModelDir, TrainJob.CheckpointFolder);
        if (Directory.Exists(checkpoint))
        {
            Directory.Delete(checkpoint, recursive: true);
            console.MarkupLine($"Fine-tuning afresh (removed the last demo run's checkpoint, {Markup.Escape(checkpoint)}).");
        }

        renderer.Run(progress => TrainJob.Run(train, progress, cancellationToken));

        console.Write(new Rule("[bold]4. Evaluate[/] on the test split (every test image and sentence, all pairs scored)").LeftJustified());
        var eval = Evaluate(settings.ModelDir);
        console.Write(MetricsTable.Build(
            $"{eval.Report.Dataset} test, {train.Model.Text.Model.Name} text, {train.Model.Image.Model.Name} images: {eval.Report.Images} images, " +
            $"{eval.Report.Sentences} sentences (chance R@10 ≈ {1000.0 / eval.Report.Images:F1}%)",
            [("base, zero-shot", zeroShot.Report), ("fine-tuned", eval.Report)]));
        console.MarkupLine($"Fine-tuning on {Markup.Escape(eval.Report.Dataset)} moved R-sum from {zeroShot.Report.RSum:F1} to [bold]{eval.Report.RSum:F1}[/].");

        console.Write(new Rule("[bold]5. Examples[/] of the fine-tuned model").LeftJustified());
        ExamplesView.Write(console, eval, settings.Examples, k: 5);

        console.Write(new Rule("[bold]6. Index[/] the dataset's images with the model, for search, annotation and the web page").LeftJustified());
        string imagesDir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(datasetPath))!, "images");
        // Re-embedded every run: the model was just trained again, so an index from an earlier run holds another model's vectors.
        var index = new IndexJobOptions { ModelDir = settings.ModelDir, ImagesDir = imagesDir, IndexDir = settings.IndexDir, CaptionsPath = datasetPath, CacheDir = settings.Cache, Reembed = true };
        var indexed = new IndexProgressRenderer(console).Run(progress => IndexJob.Run(index, progress, cancellationToken));
        IndexReportView.Write(console, indexed, settings.IndexDir);

        console.Write(new Rule("[bold]Where to look[/]").LeftJustified());
        console.MarkupLine($"  model folder      [bold]{Markup.Escape(settings.ModelDir)}[/] (model.json, weights.dat, text-features.json)");
        console.MarkupLine($"  training curves   [bold]{Markup.Escape(Path.Combine(settings.ModelDir, TrainJob.PlotFile))}[/]");
        console.MarkupLine($"  test figures      [bold]{Markup.Escape(Path.Combine(settings.ModelDir, TrainJob.TestEvalFile))}[/]");
        console.MarkupLine($"  dataset           [bold]{Markup.Escape(datasetPath)}[/] (rules: docs/datasets.md)");
        console.MarkupLine($"  index             [bold]{Markup.Escape(settings.IndexDir)}[/] (search it: ./itm search --db {Markup.Escape(settings.IndexDir)} \"a red apple\")");
        console.MarkupLine($"  try               [bold]./itm eval --model {Markup.Escape(settings.ModelDir)} --data {Markup.Escape(datasetPath)}[/]");
        if (settings.NoServe)
        {
            console.MarkupLine($"  web page          [bold]./itm serve --db {Markup.Escape(settings.IndexDir)}[/]");
            return 0;
        }

        console.Write(new Rule("[bold]7. Web page[/]: search, click a result for its captions and similar images, drop an image to annotate it").LeftJustified());
        await ServeCommand.ServeAsync(console, new ServerOptions { IndexDir = settings.IndexDir, Urls = settings.Urls, CacheDir = settings.Cache }, cancellationToken);
        return 0;
    }
}
