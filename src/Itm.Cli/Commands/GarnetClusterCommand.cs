using Itm.Index.Garnet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm garnet cluster</c>: makes running cluster-mode Garnet nodes one cluster (slots split evenly, all nodes met).</summary>
public sealed class GarnetClusterCommand : Command<GarnetEndpointsSettings>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IAnsiConsole console;

    public GarnetClusterCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, GarnetEndpointsSettings settings, CancellationToken cancellationToken)
    {
        var endpoints = settings.Endpoints;
        try
        {
            GarnetCluster.Form(endpoints, Timeout);
        }
        catch (GarnetClusterException e)
        {
            // The nodes' state, not a bug: the message says what to do, a stack trace would not help.
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ErrorReporter.Failed;
        }

        console.MarkupLine($"Cluster of {endpoints.Count} node(s) is ok: {Markup.Escape(string.Join(',', endpoints))}");
        GarnetStatusCommand.Render(console, endpoints);
        return 0;
    }
}
