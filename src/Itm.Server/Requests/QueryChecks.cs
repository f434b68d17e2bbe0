using System.Globalization;
using Itm.Search.Duplicates;
using Itm.Search.Explanations;
using Itm.Server.Problems;

namespace Itm.Server.Requests;

/// <summary>The checks on query parameters, each failing with a problem that names the parameter and the allowed range.</summary>
internal static class QueryChecks
{
    /// <summary>The search sentence, trimmed.</summary>
    public static string Sentence(string? q, ServerLimits limits)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            throw ApiProblem.InvalidParameter("q", "Give a sentence to search for in the query parameter q, e.g. /api/search?q=a+red+apple.");
        }

        if (q.Length > limits.MaxQueryLength)
        {
            throw ApiProblem.InvalidParameter("q", string.Create(CultureInfo.InvariantCulture,
                $"The query is {q.Length:N0} characters long; the limit is {limits.MaxQueryLength:N0}."));
        }

        return q.Trim();
    }

    /// <summary>How many results to return: <see cref="ServerLimits.DefaultK"/> when absent, else within 1 to <see cref="ServerLimits.MaxK"/>.</summary>
    public static int K(int? k, ServerLimits limits) => k switch
    {
        null => limits.DefaultK,
        int value when value < 1 || value > limits.MaxK => throw OutOfRange(value, limits),
        int value => value,
    };

    /// <summary>The weight of the query's image: 1 when absent; a finite number other than 0, and only with an image.</summary>
    public static double ImageWeight(double? imageWeight, bool hasImage) => imageWeight switch
    {
        null => 1,
        _ when !hasImage => throw ApiProblem.InvalidParameter("imageWeight",
            "imageWeight weighs the query's image: give the image too (image=ID, or upload it with POST /api/search)."),
        double value when !double.IsFinite(value) || value == 0 => throw ApiProblem.InvalidParameter("imageWeight",
            string.Create(CultureInfo.InvariantCulture, $"imageWeight is {value}; give a number other than 0 (negative: less like the image).")),
        double value => value,
    };

    /// <summary>The minimum precision of the results: absent, or a probability strictly between 0 and 1.</summary>
    public static double? MinPrecision(double? minPrecision) => minPrecision switch
    {
        double value when !(value > 0 && value < 1) => throw ApiProblem.InvalidParameter("minPrecision", string.Create(CultureInfo.InvariantCulture,
            $"minPrecision is {value}; give a probability between 0 and 1 (exclusive), e.g. 0.8, to get only the images at least that likely to match.")),
        _ => minPrecision,
    };

    /// <summary>The duplicate threshold: the default when absent, else a cosine from <see cref="DuplicateOptions.MinThreshold"/> to 1, with a point for decimals.</summary>
    public static float Threshold(string? threshold) => threshold switch
    {
        null => new DuplicateOptions().Threshold,
        _ when float.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && DuplicateOptions.IsThreshold(value) => value,
        _ => throw ApiProblem.InvalidParameter("threshold", DuplicateOptions.ThresholdAdvice(threshold, "threshold")),
    };

    /// <summary>An explanation's heatmap cells per side: the default when absent, else within 2 to <see cref="ServerLimits.MaxExplainGrid"/>.</summary>
    public static int Grid(int? grid, ServerLimits limits) => grid switch
    {
        null => new ExplainOptions().Grid,
        int value when value < ExplainOptions.MinGrid || value > limits.MaxExplainGrid => throw ApiProblem.InvalidParameter("grid",
            $"grid is {value}; ask for {ExplainOptions.MinGrid} to {limits.MaxExplainGrid} heatmap cells per side."),
        int value => value,
    };

    /// <summary>What an explanation's patch is painted with: the image's mean colour when absent, else <c>mean</c> or <c>neutral</c>.</summary>
    public static OcclusionFill Fill(string? fill) => fill is null ? OcclusionFill.ImageMean
        : OcclusionFills.Parse(fill) ?? throw ApiProblem.InvalidParameter("fill", $"fill is '{fill}'; give mean (the image's mean colour) or neutral (the model's zero).");

    /// <summary>How an explanation's heatmap is computed: occlusion when absent, else <c>occlusion</c> or <c>gradcam</c>.</summary>
    public static ExplainMethod Method(string? method) => method is null ? ExplainMethod.Occlusion
        : ExplainMethods.Parse(method) ?? throw ApiProblem.InvalidParameter("method",
            $"method is '{method}'; give occlusion (hide each region; any model) or gradcam (the image encoder's maps weighed by the score's gradient; convnet and resnet18tune models).");

    /// <summary>Grad-CAM's layer of maps: absent (the model's default), or 0 (the last) to <see cref="ExplainOptions.MaxLayer"/>, and only with <c>method=gradcam</c>.</summary>
    public static int? Layer(int? layer, ExplainMethod method) => layer switch
    {
        null => null,
        _ when method != ExplainMethod.GradCam => throw ApiProblem.InvalidParameter("layer", "layer is for method=gradcam; occlusion has no layers."),
        int value when value is < 0 or > ExplainOptions.MaxLayer => throw ApiProblem.InvalidParameter("layer",
            $"layer is {value}; give 0 (the last maps before pooling) to {ExplainOptions.MaxLayer}, or leave it out for the model's default."),
        int value => value,
    };

    private static ApiProblem OutOfRange(int k, ServerLimits limits) =>
        ApiProblem.InvalidParameter("k", $"k is {k}; ask for 1 to {limits.MaxK} results.");
}
