using Itm.Data.Images;

namespace Itm.Search.Explanations;

/// <summary>
/// A model's image channel that can compute Grad-CAM from decoded pixels on (the model's own preprocessing and
/// network): what <see cref="ExplainMethod.GradCam"/> needs. Whether the loaded model can is known only once it is
/// loaded, so a channel without spatial maps says so by throwing.
/// </summary>
public interface IGradCamChannel
{
    /// <summary>
    /// The Grad-CAM of <paramref name="image"/> for the sentence vector <paramref name="query"/>: <c>relu(Σ_c α_c A_c)</c>
    /// over the image encoder's maps <c>A</c> at <paramref name="layer"/> (null: the model's default, see
    /// <see cref="ExplainOptions.Layer"/>), <c>α_c</c> the mean gradient of the score over map <c>c</c>; one cell per map position.
    /// </summary>
    /// <exception cref="GradCamUnavailableException">The image model has no spatial maps, or not that many layers of them.</exception>
    Heatmap GradCam(RgbImage image, ReadOnlySpan<float> query, int? layer);
}
