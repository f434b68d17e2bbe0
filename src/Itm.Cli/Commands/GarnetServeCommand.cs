using Itm.Index.Garnet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm garnet serve</c>: Garnet nodes in this process (vector sets on, a cluster when several) until Ctrl+C.</summary>
public sealed class GarnetServeCommand : AsyncCommand<GarnetServeSettings>
{
    private readonly IAnsiConsole console;

    public GarnetServeCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, GarnetServeSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            // Stop the nodes cleanly (sockets closed, files released) instead of letting the runtime kill the process.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            using var garnet = LocalGarnet.Start(options);
            Describe(console, garnet);
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            console.MarkupLine("Stopping Garnet.");
            return 0;
        }
        catch (GarnetClusterException e)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ErrorReporter.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    private static void Describe(IAnsiConsole console, LocalGarnet garnet)
    {
        var options = garnet.Options;
        string mode = options.IsCluster ? $"a cluster of {options.Nodes} nodes (slots split evenly)" : options.Nodes == 1 ? "1 standalone node" : $"{options.Nodes} standalone nodes";
        console.MarkupLine($"Garnet: {mode}, vector sets on, listening on {Markup.Escape(string.Join(", ", garnet.Endpoints))}");
        console.MarkupLine(options.DataDirectory is null
            ? "Data: [yellow]in memory only[/]; it is gone when this stops (use --dir DIR to keep it)."
            : $"Data: kept in [bold]{Markup.Escape(Path.GetFullPath(options.DataDirectory))}[/] (append-only file + checkpoints on SAVE), recovered on the next start with the same --port.");
        console.MarkupLine($"Use it:  [bold]itm index ... --backend garnet --garnet {Markup.Escape(garnet.ConnectionString)}[/]   (status: itm garnet status --garnet {Markup.Escape(garnet.ConnectionString)})");
        console.MarkupLine("Press Ctrl+C to stop.");
    }
}
