using Itm.Search.Queries;
using Spectre.Console;

namespace Itm.Cli.Commands;

/// <summary>The <c>--word-weight W</c> option that <c>itm search</c> and <c>itm serve</c> share.</summary>
internal static class WordWeightOption
{
    public const string Description =
        "How much the query's words written inside an image (read by itm index --ocr) add to its score: score = cosine + W x (query words found / query words). 0: the cosine alone.";

    public static ValidationResult Validate(float weight)
    {
        try
        {
            new WordMatchOptions { Weight = weight }.Validate();
            return ValidationResult.Success();
        }
        catch (ArgumentOutOfRangeException)
        {
            return ValidationResult.Error($"--word-weight must be 0 to 10, not {weight}.");
        }
    }
}
