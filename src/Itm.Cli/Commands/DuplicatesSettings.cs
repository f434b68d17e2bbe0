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
    [TypeConverter(typeof(InvariantFloatConverter))]
    public float Threshold { get; init; } = new DuplicateOptions().Threshold;

    [CommandOption("--pixel-check <CHECK>")]
    [Description("What confirms a pair whose vectors are alike: thumbnail (their grey thumbnails must be alike too; reads the candidates' files) or none (the vectors alone).")]
    [DefaultFrom(typeof(DuplicateOptions), "Check")]
    public PixelCheck Check { get; init; } = new DuplicateOptions().Check;

    [CommandOption("--pixel-threshold <P>")]
    [Description("With --pixel-check thumbnail: the cosine two thumbnails must reach (-1 to 1).")]
    [DefaultFrom(typeof(DuplicateOptions), "PixelThreshold")]
    [TypeConverter(typeof(InvariantFloatConverter))]
    public float PixelThreshold { get; init; } = new DuplicateOptions().PixelThreshold;

    [CommandOption("--json")]
    [Description("Print the groups as JSON (the schema is in docs/collection.md) instead of tables.")]
    public bool Json { get; init; }

    public DuplicateOptions ToOptions() => new() { Threshold = Threshold, Check = Check, PixelThreshold = PixelThreshold };

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Db) ? ValidationResult.Error("--db is required: the index folder written by itm index.")
        : !DuplicateOptions.IsThreshold(Threshold)
            ? ValidationResult.Error(DuplicateOptions.ThresholdAdvice(float.IsNaN(Threshold) ? null : Threshold.ToString(CultureInfo.InvariantCulture), "--threshold"))
        : !(PixelThreshold is >= -1 and <= 1)
            ? ValidationResult.Error(string.Create(CultureInfo.InvariantCulture,
                $"--pixel-threshold is {(float.IsNaN(PixelThreshold) ? "not a number" : $"'{PixelThreshold}'")}: give a cosine from -1 to 1 (default {new DuplicateOptions().PixelThreshold}); higher asks thumbnails to be more alike."))
        : ValidationResult.Success();
}
