using Itm.Data.Images;
using Itm.Index.Indexing;

namespace Itm.Search.Explanations;

/// <summary>
/// Why an image matches a sentence: its score, each word's weight (<see cref="WordWeights"/>) and the regions that
/// drive the score (<see cref="OcclusionSensitivity"/>, or Grad-CAM where the image channel has maps: <see cref="IGradCamChannel"/>). The one place explanations are computed; the command line,
/// the API and the page all come here through <see cref="Queries.QueryService.Explain"/>.
/// </summary>
public static class Explainer
{
    /// <param name="pixels">The image channel; for <see cref="ExplainMethod.GradCam"/> it must also be an <see cref="IGradCamChannel"/>.</param>
    /// <exception cref="GradCamUnavailableException">Grad-CAM was asked of a channel that can't compute it.</exception>
    public static Explanation Explain(RgbImage image, string sentence, IPixelEmbedder pixels, ITextEmbedder text, ExplainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(pixels);
        options ??= new ExplainOptions();
        options.Validate();
        float[] vector = pixels.Embed([image]);
        var (query, score, words) = WordWeights.Compute(sentence, vector, text);
        var heatmap = options.Method == ExplainMethod.GradCam
            ? GradCamChannel(pixels).GradCam(image, query, options.Layer)
            : OcclusionSensitivity.Compute(image, query, score, pixels, options);
        var (row, col) = heatmap.PeakCell();
        return new Explanation(sentence, score, words, heatmap, heatmap.CellRegion(row, col), image, options.Method);
    }

    private static IGradCamChannel GradCamChannel(IPixelEmbedder pixels) => pixels as IGradCamChannel
        ?? throw new GradCamUnavailableException("This image channel can't compute Grad-CAM; use the occlusion method, which works with any.", "method");
}
