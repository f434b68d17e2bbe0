using System.ComponentModel;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm similar</c>.</summary>
public sealed class SimilarSettings : QuerySettings
{
    [CommandArgument(0, "<IMAGE>")]
    [Description("An image file (indexed or not), or the id of an indexed image.")]
    public string Image { get; init; } = string.Empty;

    [CommandOption("-k|--top <K>")]
    [Description("How many images to show.")]
    [DefaultValue(10)]
    public override int K { get; init; } = 10;
}
