using System.ComponentModel;
using Itm.Data.Recipes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm data prepare</c>.</summary>
public sealed class DataPrepareSettings : CommandSettings
{
    /// <summary>A name from <see cref="RecipeCatalog.All"/> (case ignored).</summary>
    [CommandArgument(0, "<RECIPE>")]
    [RecipeListDescription]
    public string Recipe { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("Folder to write the dataset (dataset.json + images) into.")]
    public string? Out { get; init; }

    [CommandOption("--seed <S>")]
    [DefaultValue(7)]
    public int Seed { get; init; } = 7;

    [CommandOption("--count <N>")]
    [Description("synthetic: number of images (default 6000).")]
    public int? Count { get; init; }

    [CommandOption("--package-dir <DIR>")]
    [Description("Icon sets: an extracted npm package to read instead of fetching it (icons, iconify: a folder of one per set, named by the set: mdi, tabler..., game-icons, solar...). icon-themes: the folder of themes to read instead of /usr/share/icons.")]
    public string? PackageDir { get; init; }

    public override ValidationResult Validate() =>
        RecipeCatalog.Find(Recipe) is null ? ValidationResult.Error(RecipeCatalog.UnknownName(Recipe))
        : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required: the folder to write the dataset into.")
        : Count is <= 0 ? ValidationResult.Error("--count must be positive.")
        : PackageDir is not null && !Directory.Exists(PackageDir) ? ValidationResult.Error($"--package-dir: the folder '{PackageDir}' does not exist.")
        : ValidationResult.Success();
}
