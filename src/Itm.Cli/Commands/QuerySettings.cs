using System.ComponentModel;
using Itm.Index.Garnet;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>Options shared by the commands that query an index (search, annotate, similar).</summary>
public abstract class QuerySettings : CommandSettings
{
    [CommandOption("--db <INDEX_DIR>")]
    [Description("Index folder written by itm index.")]
    public string? Db { get; init; }

    [CommandOption("--json")]
    [Description("Print the results as JSON (the schema is in docs/search.md) instead of a table.")]
    public bool Json { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Image feature cache folder for query images (default: $ITM_CACHE or ~/.cache/itm).")]
    public string? Cache { get; init; }

    [CommandOption("--garnet <NODES>")]
    [Description(GarnetNodesOption.QueryDescription)]
    public string? Garnet { get; init; }

    /// <summary>How many results to return.</summary>
    public abstract int K { get; init; }

    public QueryOptions ToQueryOptions() => new() { CacheDir = Cache, Mirror = new GarnetIndexMirror(new GarnetOptions { Endpoints = GarnetNodesOption.Parse(Garnet) }) };

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Db) ? ValidationResult.Error("--db is required: the index folder written by itm index.")
        : K < 1 ? ValidationResult.Error("-k must be at least 1.")
        : GarnetNodesOption.Validate(Garnet);
}
