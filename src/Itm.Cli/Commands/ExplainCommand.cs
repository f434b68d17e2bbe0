using Itm.Cli.Rendering;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm explain</c>: why an image matches a sentence (word weights, and a heatmap written as an overlay PNG).</summary>
public sealed class ExplainCommand : Command<ExplainSettings>
{
    private readonly IAnsiConsole console;

    public ExplainCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, ExplainSettings settings, CancellationToken cancellationToken)
    {
        using var service = QueryService.Open(settings.Db!, settings.ToQueryOptions());
        var explanation = service.Explain(settings.ImageReference, settings.Sentence, settings.ToExplainOptions());
        string overlay = Path.GetFullPath(settings.OverlayPath);
        Directory.CreateDirectory(Path.GetDirectoryName(overlay)!);
        File.WriteAllBytes(overlay, OverlayRenderer.RenderPng(explanation));
        ExplanationView.Write(console, settings.Json, settings.Image!, settings.Db!, explanation, overlay);
        return 0;
    }
}
