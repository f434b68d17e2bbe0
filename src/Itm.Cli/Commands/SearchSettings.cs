using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm search</c>.</summary>
public sealed class SearchSettings : QuerySettings
{
    [CommandArgument(0, "<SENTENCE>")]
    [Description("What to look for, in words.")]
    public string Sentence { get; init; } = string.Empty;

    [CommandOption("-k|--top <K>")]
    [Description("How many images to show.")]
    [DefaultValue(10)]
    public override int K { get; init; } = 10;

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Sentence) ? ValidationResult.Error("Give a sentence to search for, e.g. itm search --db INDEX_DIR \"a red apple\".")
        : base.Validate();
}
