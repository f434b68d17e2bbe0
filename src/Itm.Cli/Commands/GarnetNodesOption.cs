using Itm.Index.Garnet;
using Spectre.Console;

namespace Itm.Cli.Commands;

/// <summary>The <c>--garnet HOST:PORT[,HOST:PORT...]</c> option that several commands share.</summary>
internal static class GarnetNodesOption
{
    public const string QueryDescription =
        "For an index bound to Garnet (itm index --backend garnet): reach it by these nodes, HOST:PORT[[,HOST:PORT...]], instead of the ones it recorded.";

    public static ValidationResult Validate(string? text)
    {
        try
        {
            Parse(text);
            return ValidationResult.Success();
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error($"--garnet: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>The nodes given, or none (use the recorded ones).</summary>
    public static IReadOnlyList<string> Parse(string? text) => text is null ? [] : GarnetEndpoints.Parse(text);
}
