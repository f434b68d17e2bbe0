using System.ComponentModel;
using System.Globalization;
using Itm.Search.Duplicates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm duplicates</c>.</summary>
public sealed class DuplicatesSettings : CommandSettings
{
    [CommandOption("--db <INDEX_DIR>")]
    [Description("Index folder written by itm index.")]
    public string? Db { get; init; }

    [CommandOption("--threshold <T>")]
    [Description("Group images whose vectors have at least this cosine (0.5 to 1): higher finds fewer, closer copies.")]
    [DefaultFrom(typeof(DuplicateOptions), "Threshold")]
    [TypeConverter(typeof(ThresholdConverter))]
    public float Threshold { get; init; } = new DuplicateOptions().Threshold;

    [CommandOption("--json")]
    [Description("Print the groups as JSON (the schema is in docs/collection.md) instead of tables.")]
    public bool Json { get; init; }

    public DuplicateOptions ToOptions() => new() { Threshold = Threshold };

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Db) ? ValidationResult.Error("--db is required: the index folder written by itm index.")
        : !DuplicateOptions.IsThreshold(Threshold)
            ? ValidationResult.Error(DuplicateOptions.ThresholdAdvice(Threshold.ToString(CultureInfo.InvariantCulture), "--threshold"))
        : ValidationResult.Success();
}
