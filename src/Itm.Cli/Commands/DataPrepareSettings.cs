using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The dataset recipes <c>itm data prepare</c> knows.</summary>
public enum DatasetRecipe
{
    Synthetic,
    OpenClipart,
    TuxPaint,
}

/// <summary>The options of <c>itm data prepare</c>.</summary>
public sealed class DataPrepareSettings : CommandSettings
{
    [CommandArgument(0, "<RECIPE>")]
    [Description("synthetic, openclipart or tuxpaint.")]
    public DatasetRecipe Recipe { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder to write the dataset (dataset.json + images) into.")]
    public string? Out { get; init; }

    [CommandOption("--seed <S>")]
    [DefaultValue(7)]
    public int Seed { get; init; } = 7;

    [CommandOption("--count <N>")]
    [Description("synthetic: number of images (default 6000).")]
    public int? Count { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required: the folder to write the dataset into.")
        : Count is <= 0 ? ValidationResult.Error("--count must be positive.")
        : ValidationResult.Success();
}
