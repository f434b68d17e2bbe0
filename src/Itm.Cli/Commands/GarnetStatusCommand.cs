using System.Globalization;
using Itm.Index.Garnet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm garnet status</c>: the nodes behind <c>--garnet</c>, their slots, whether they answer, and how many keys each holds.</summary>
public sealed class GarnetStatusCommand : Command<GarnetEndpointsSettings>
{
    private readonly IAnsiConsole console;

    public GarnetStatusCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, GarnetEndpointsSettings settings, CancellationToken cancellationToken)
    {
        var topology = Render(console, settings.Endpoints);
        return topology.Nodes.All(node => node.Reachable) ? 0 : ErrorReporter.Failed;
    }

    /// <summary>Prints the topology as a table (also after <c>itm garnet cluster</c>) and returns it.</summary>
    internal static GarnetTopology Render(IAnsiConsole console, IReadOnlyList<string> endpoints)
    {
        var topology = GarnetCluster.Describe(endpoints);
        var table = new Table().AddColumns("node", "state", "node id", "slots", "keys");
        foreach (var node in topology.Nodes)
        {
            string state = !node.Reachable ? "[red]unreachable[/]" : node.NodeId is null ? "standalone" : $"cluster {Markup.Escape(node.ClusterState ?? "?")}";
            string slots = node.NodeId is null ? "-" : node.Slots.Count == 0 ? "none" : $"{string.Join(' ', node.Slots)} ({node.Slots.Sum(range => range.Count)})";
            table.AddRow(Markup.Escape(node.Endpoint), state, Markup.Escape(node.NodeId ?? "-"), Markup.Escape(slots), node.Reachable ? node.Keys.ToString(CultureInfo.InvariantCulture) : "-");
        }

        console.Write(table);
        console.MarkupLine(topology.IsCluster ? $"Cluster: {topology.AssignedSlots} of {GarnetTopology.SlotCount} slots assigned on the nodes listed."
            : topology.Nodes.Any(node => node.Reachable) ? "Standalone: each node holds its own keys."
            : "No node answered.");
        foreach (var node in topology.Nodes.Where(node => !node.Reachable))
        {
            console.MarkupLine($"[red]{Markup.Escape(node.Endpoint)} does not answer:[/] {Markup.Escape(node.Error ?? "")}");
        }

        return topology;
    }
}
