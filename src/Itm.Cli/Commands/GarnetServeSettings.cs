using System.ComponentModel;
using Itm.Index.Garnet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm garnet serve</c>.</summary>
public sealed class GarnetServeSettings : CommandSettings
{
    [CommandOption("--nodes <N>")]
    [Description("How many Garnet nodes to run; more than one forms a cluster.")]
    [DefaultFrom(typeof(LocalGarnetOptions), "Nodes")]
    public int Nodes { get; init; } = new LocalGarnetOptions().Nodes;

    [CommandOption("--port <PORT>")]
    [Description("Node i listens on PORT + i (127.0.0.1 only); 0 picks free ports.")]
    [DefaultFrom(typeof(LocalGarnetOptions), "Port")]
    public int Port { get; init; } = new LocalGarnetOptions().Port;

    [CommandOption("--dir <DIR>")]
    [Description("Keep the data in DIR/node-PORT (append-only file + checkpoints) and recover it on the next start; without it, data lives in memory only.")]
    public string? Dir { get; init; }

    public override ValidationResult Validate()
    {
        try
        {
            ToOptions().Validate();
            return ValidationResult.Success();
        }
        catch (ArgumentException e)
        {
            string option = e.ParamName switch { nameof(LocalGarnetOptions.Nodes) => "--nodes", nameof(LocalGarnetOptions.Port) => "--port", _ => "--dir" };
            return ValidationResult.Error($"{option}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    public LocalGarnetOptions ToOptions() => new() { Nodes = Nodes, Port = Port, DataDirectory = Dir };
}
