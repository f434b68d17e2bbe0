using System.ComponentModel;
using System.Globalization;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm search</c>.</summary>
public sealed class SearchSettings : QuerySettings
{
    [CommandArgument(0, "<QUERY>")]
    [Description("What to look for, in words. +word adds a term, -word subtracts one, 2:word weighs it, \"two words\" group (see docs/search.md).")]
    public string Sentence { get; init; } = string.Empty;

    [CommandOption("-k|--top <K>")]
    [Description("How many images to show.")]
    [DefaultValue(10)]
    public override int K { get; init; } = 10;

    [CommandOption("--image <IMAGE>")]
    [Description("Search with this image too: an image file (indexed or not), or the id of an indexed image (left out of the results).")]
    public string? Image { get; init; }

    [CommandOption("--image-weight <W>")]
    [Description("The weight of --image in the query (default 1); negative: less like the image.")]
    public string? ImageWeight { get; init; }

    [CommandOption("--min-precision <P>")]
    [Description("Show only the images at least this likely (0 < P < 1, e.g. 0.8) to be ones the query describes, by the model's calibration; " +
                 "so the results' expected precision is at least P, and there may be fewer than -k, or none.")]
    public string? MinPrecision { get; init; }

    [CommandOption("--word-weight <W>")]
    [Description(WordWeightOption.Description)]
    [DefaultFrom(typeof(WordMatchOptions), "Weight")]
    public float WordWeight { get; init; } = new WordMatchOptions().Weight;

    /// <summary>The minimum precision, or null when not asked for.</summary>
    public double? Precision => MinPrecision is null ? null
        : double.TryParse(MinPrecision, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) ? p : double.NaN;

    /// <summary>The query: the sentence's terms, and the image with its weight. Throws <see cref="QueryExpressionException"/> naming a bad token.</summary>
    public QueryExpression ToQuery() =>
        QueryExpression.Parse(Sentence, Image is null ? null : ImageReference.Parse(Image), Weight);

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Sentence) ? ValidationResult.Error("Give a sentence to search for, e.g. itm search --db INDEX_DIR \"a red apple\".")
        : ImageWeight is not null && Image is null ? ValidationResult.Error("--image-weight weighs the image of --image: give --image too.")
        : !double.IsFinite(Weight) || Weight == 0
            ? ValidationResult.Error($"--image-weight is '{ImageWeight}': give a number other than 0, with a point for decimals (0.5, -1).")
        : WordWeightOption.Validate(WordWeight) is { Successful: false } wordWeight ? wordWeight
        : Precision is double p && !(p > 0 && p < 1)
            ? ValidationResult.Error($"--min-precision is '{MinPrecision}': give a probability between 0 and 1, with a point for decimals (0.8).")
        : base.Validate();

    // Read in the invariant culture, as the weights in the query are: "0.5" means a half on any machine.
    private double Weight => ImageWeight is null ? 1
        : double.TryParse(ImageWeight, NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) ? weight : double.NaN;
}
