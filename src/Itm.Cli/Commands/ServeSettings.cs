using System.ComponentModel;
using Itm.Server;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm serve</c>.</summary>
public sealed class ServeSettings : CommandSettings
{
    [CommandOption("--db <INDEX_DIR>")]
    [Description("Index folder written by itm index.")]
    public string? Db { get; init; }

    [CommandOption("--urls <URLS>")]
    [Description("Where to listen, ';'-separated. Loopback by default: the API has no authentication.")]
    [DefaultValue(ServerOptions.DefaultUrls)]
    public string Urls { get; init; } = ServerOptions.DefaultUrls;

    [CommandOption("--cache <DIR>")]
    [Description("Image feature cache folder for uploaded images (default: $ITM_CACHE or ~/.cache/itm).")]
    public string? Cache { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Db) ? ValidationResult.Error("--db is required: the index folder written by itm index.")
        : string.IsNullOrWhiteSpace(Urls) ? ValidationResult.Error("--urls needs at least one URL, e.g. http://127.0.0.1:5000.")
        : ValidationResult.Success();

    public ServerOptions ToServerOptions() => new() { IndexDir = Db!, Urls = Urls, CacheDir = Cache };
}
