using System.ComponentModel;
using System.Globalization;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm explain</c>.</summary>
public sealed class ExplainSettings : QuerySettings
{
    [CommandArgument(0, "<SENTENCE>")]
    [Description("The sentence whose match to explain (read as one sentence, operators and all).")]
    public string Sentence { get; init; } = string.Empty;

    [CommandOption("--image <IMAGE>")]
    [Description("The image: an image file (indexed or not), or the id of an indexed image.")]
    public string? Image { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write the overlay PNG (default: explain-ID.png or explain-NAME.png in the current folder).")]
    public string? Out { get; init; }

    [CommandOption("--method <METHOD>")]
    [Description("How the heatmap is computed: occlusion (hide each region and see the score drop; any image model, the default) or gradcam " +
        "(the image encoder's maps weighed by the score's gradient, one backward pass; convnet and resnet18tune models only).")]
    [DefaultValue("occlusion")]
    public string Method { get; init; } = "occlusion";

    [CommandOption("--layer <N>")]
    [Description("Grad-CAM: which maps, counted back from the last (0); the heatmap is their size. Default: the deepest at least 7 cells per side " +
        "(for a convnet at 64 pixels, layer 1: 8×8).")]
    public int? Layer { get; init; }

    [CommandOption("--grid <N>")]
    [Description("Occlusion: heatmap cells per side (2 to 32): a patch of 2×2 cells is painted at each of the (N+1)² cell corners and the image embedded each time.")]
    [DefaultFrom(typeof(ExplainOptions), "Grid")]
    public int Grid { get; init; } = new ExplainOptions().Grid;

    [CommandOption("--fill <FILL>")]
    [Description("Occlusion: what the occluding patch is painted with: mean (the image's mean colour, the default) or neutral (the colour the model's preprocessing maps to zero).")]
    [DefaultValue("mean")]
    public string Fill { get; init; } = "mean";

    /// <summary>One image, one sentence: nothing to rank.</summary>
    public override int K { get; init; } = 1;

    public ImageReference ImageReference => ImageReference.Parse(Image!);

    /// <summary>The overlay's path: <see cref="Out"/>, or a name made from the image's id or file name.</summary>
    public string OverlayPath => Out ?? "explain-" + (ImageReference.Id is long id
        ? id.ToString(CultureInfo.InvariantCulture)
        : Path.GetFileNameWithoutExtension(ImageReference.Path)) + ".png";

    public ExplainOptions ToExplainOptions() => new()
    {
        Method = ExplainMethods.Parse(Method) ?? ExplainMethod.Occlusion,
        Layer = Layer,
        Grid = Grid,
        Fill = OcclusionFills.Parse(Fill) ?? OcclusionFill.ImageMean,
    };

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Sentence) ? ValidationResult.Error("Give a sentence to explain, e.g. itm explain --db INDEX_DIR --image 17 \"a red apple\".")
        : string.IsNullOrWhiteSpace(Image) ? ValidationResult.Error("--image is required: an image file, or the id of an indexed image.")
        : Grid is < ExplainOptions.MinGrid or > ExplainOptions.MaxGrid
            ? ValidationResult.Error($"--grid is {Grid}: give {ExplainOptions.MinGrid} to {ExplainOptions.MaxGrid} heatmap cells per side.")
        : OcclusionFills.Parse(Fill) is null ? ValidationResult.Error($"--fill is '{Fill}': give mean or neutral.")
        : ExplainMethods.Parse(Method) is null ? ValidationResult.Error($"--method is '{Method}': give occlusion or gradcam.")
        : Layer is < 0 or > ExplainOptions.MaxLayer ? ValidationResult.Error($"--layer is {Layer}: give 0 (the last maps) to {ExplainOptions.MaxLayer}.")
        : Layer is not null && ExplainMethods.Parse(Method) != ExplainMethod.GradCam ? ValidationResult.Error("--layer is for --method gradcam; occlusion has no layers.")
        : base.Validate();
}
