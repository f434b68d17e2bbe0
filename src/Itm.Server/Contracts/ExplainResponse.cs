using System.Globalization;
using Itm.Search.Explanations;

namespace Itm.Server.Contracts;

/// <summary>Why an indexed image matches a sentence.</summary>
/// <param name="Query">The sentence, trimmed.</param>
/// <param name="Image">The image's id in the index.</param>
/// <param name="Method">How the heatmap was computed: <c>occlusion</c> or <c>gradcam</c>.</param>
/// <param name="Score">Cosine between the sentence's vector and the image's, in [-1, 1].</param>
/// <param name="Words">Each word of the sentence, in order, and the score's drop when it is left out.</param>
/// <param name="Heatmap">
/// Row-major from the top left: for occlusion the score's drop when each cell of the image is hidden, for Grad-CAM the
/// gradient-weighted maps (one cell per map position, never negative).
/// </param>
/// <param name="Peak">The hottest cell, as fractions of the image (x, y its top-left corner).</param>
/// <param name="Overlay">URL of the heatmap drawn over the image (PNG).</param>
public sealed record ExplainResponse(
    string Query, long Image, string Method, float Score, IReadOnlyList<WordWeight> Words, Heatmap Heatmap, Region Peak, string Overlay)
{
    public static ExplainResponse From(long id, Explanation explanation, ExplainOptions settings)
    {
        var query = new Dictionary<string, string?>
        {
            ["image"] = id.ToString(CultureInfo.InvariantCulture),
            ["q"] = explanation.Sentence,
        };
        if (settings.Method == ExplainMethod.GradCam)
        {
            query["method"] = ExplainMethods.Name(settings.Method);
            if (settings.Layer is int layer)
            {
                query["layer"] = layer.ToString(CultureInfo.InvariantCulture);   // Absent: the model's default.
            }
        }
        else
        {
            query["grid"] = settings.Grid.ToString(CultureInfo.InvariantCulture);
            query["fill"] = OcclusionFills.Name(settings.Fill);
        }

        string overlay = "/api/explain.png" + QueryString.Create(query);
        return new ExplainResponse(
            explanation.Sentence, id, ExplainMethods.Name(explanation.Method), explanation.Score, explanation.Words, explanation.Heatmap, explanation.Peak, overlay);
    }
}
