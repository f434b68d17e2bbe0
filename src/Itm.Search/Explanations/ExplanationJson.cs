using System.Text.Json;

namespace Itm.Search.Explanations;

/// <summary>
/// The <c>--json</c> output of <c>itm explain</c>, a contract documented in docs/explanations.md: <c>{"version": 1, "command":
/// "explain", "query", "index", "image" (as given), "method" ("occlusion" or "gradcam"), "score", "words": [{"word", "drop"}],
/// "heatmap": {"rows", "cols", "values"} (row-major, top row first), "peak": {"x", "y", "w", "h"} (fractions of the image),
/// "overlay" (the PNG's path)}</c>.
/// </summary>
public static class ExplanationJson
{
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Write(string query, string image, string indexDir, Explanation explanation, string overlayPath)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return JsonSerializer.Serialize(new
        {
            version = Version,
            command = "explain",
            query,
            index = Path.GetFullPath(indexDir),
            image,
            method = ExplainMethods.Name(explanation.Method),
            score = explanation.Score,
            words = explanation.Words,
            heatmap = explanation.Heatmap,
            peak = explanation.Peak,
            overlay = Path.GetFullPath(overlayPath),
        }, Options);
    }
}
