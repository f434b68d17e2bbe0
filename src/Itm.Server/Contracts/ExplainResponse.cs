using System.Globalization;
using Itm.Search.Explanations;

namespace Itm.Server.Contracts;

/// <summary>Why an indexed image matches a sentence.</summary>
/// <param name="Query">The sentence, trimmed.</param>
/// <param name="Image">The image's id in the index.</param>
/// <param name="Score">Cosine between the sentence's vector and the image's, in [-1, 1].</param>
/// <param name="Words">Each word of the sentence, in order, and the score's drop when it is left out.</param>
/// <param name="Heatmap">The score's drop when each cell of the image is hidden, row-major from the top left.</param>
/// <param name="Peak">The cell whose hiding costs the most, as fractions of the image (x, y its top-left corner).</param>
/// <param name="Overlay">URL of the heatmap drawn over the image (PNG).</param>
public sealed record ExplainResponse(string Query, long Image, float Score, IReadOnlyList<WordWeight> Words, Heatmap Heatmap, Region Peak, string Overlay)
{
    public static ExplainResponse From(long id, Explanation explanation, ExplainOptions settings)
    {
        string overlay = "/api/explain.png" + QueryString.Create(new Dictionary<string, string?>
        {
            ["image"] = id.ToString(CultureInfo.InvariantCulture),
            ["q"] = explanation.Sentence,
            ["grid"] = settings.Grid.ToString(CultureInfo.InvariantCulture),
            ["fill"] = OcclusionFills.Name(settings.Fill),
        });
        return new ExplainResponse(explanation.Sentence, id, explanation.Score, explanation.Words, explanation.Heatmap, explanation.Peak, overlay);
    }
}
