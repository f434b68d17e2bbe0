using System.ComponentModel;
using Itm.Index.Garnet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The <c>--garnet HOST:PORT,...</c> option of the <c>itm garnet</c> commands that talk to running nodes.</summary>
public class GarnetEndpointsSettings : CommandSettings
{
    [CommandOption("--garnet <ENDPOINTS>")]
    [Description("The Garnet nodes, host:port[[,host:port...]] (what itm garnet serve prints).")]
    public string? Garnet { get; init; }

    /// <summary>The parsed endpoints (call after validation).</summary>
    public IReadOnlyList<string> Endpoints => GarnetEndpoints.Parse(Garnet!);

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Garnet)
            ? ValidationResult.Error("--garnet is required: the nodes as host:port[,host:port...], e.g. 127.0.0.1:6379,127.0.0.1:6380.")
            : GarnetNodesOption.Validate(Garnet);
}
