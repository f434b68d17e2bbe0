using Itm.Server;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm serve</c>: the web page and the JSON API over an index, until Ctrl+C.</summary>
public sealed class ServeCommand : AsyncCommand<ServeSettings>
{
    private readonly IAnsiConsole console;

    public ServeCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        await ServeAsync(console, settings.ToServerOptions(), cancellationToken);
        return 0;
    }

    /// <summary>Starts the server, prints where it listens, and waits for Ctrl+C (also the last step of <c>itm demo</c>).</summary>
    internal static async Task ServeAsync(IAnsiConsole console, ServerOptions options, CancellationToken cancellationToken)
    {
        await using var app = ItmServer.Create(options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // Usually an itm serve or itm demo still running: say so and how to pick another port, without a stack trace.
            throw new ArgumentException(
                $"{e.Message} Another program is listening there (an itm serve or itm demo still running?): stop it, or give --urls " +
                "with another port, e.g. --urls http://127.0.0.1:5001.", e);
        }

        // After start the addresses are the bound ones (port 0 has become a real port).
        foreach (string url in app.Urls)
        {
            console.MarkupLine($"Serving [bold]{Markup.Escape(options.IndexDir)}[/] at [bold link]{Markup.Escape(url)}/[/]  (API: {Markup.Escape(url)}/openapi/v1.json)");
        }

        if (options.ApiKey is null && app.Urls.Any(url => !IsLoopback(url)))
        {
            console.MarkupLine("[yellow]Warning:[/] listening beyond this machine without an API key; anyone who can reach it can use the API (see --api-key).");
        }

        console.MarkupLine("Press Ctrl+C to stop; requests in flight are finished first.");
        await app.WaitForShutdownAsync(cancellationToken);
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));
}
