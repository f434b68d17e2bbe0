namespace Itm.Search.Explanations;

/// <summary>What an occluding patch is painted with.</summary>
public enum OcclusionFill
{
    /// <summary>The image's own mean colour: the region blends into the rest (on a plain background, nearly that background).</summary>
    ImageMean,

    /// <summary>The colour the image channel's preprocessing maps to zero (ResNet18's ImageNet mean, mid grey for the ConvNet).</summary>
    Neutral,
}

/// <summary>The names of <see cref="OcclusionFill"/> on the command line and in the API: <c>mean</c> and <c>neutral</c>.</summary>
public static class OcclusionFills
{
    public static OcclusionFill? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "mean" => OcclusionFill.ImageMean,
        "neutral" => OcclusionFill.Neutral,
        _ => null,
    };

    public static string Name(OcclusionFill fill) => fill == OcclusionFill.Neutral ? "neutral" : "mean";
}

/// <summary>How the heatmap of an explanation is computed.</summary>
public enum ExplainMethod
{
    /// <summary>Occlusion sensitivity (<see cref="OcclusionSensitivity"/>): hide each region, see how far the score drops. Any image model.</summary>
    Occlusion,

    /// <summary>
    /// Grad-CAM (<see cref="IGradCamChannel"/>): the image encoder's maps weighed by the score's gradient, in one
    /// backward pass. Only the image models whose trained part has spatial maps (convnet, resnet18tune).
    /// </summary>
    GradCam,
}

/// <summary>The names of <see cref="ExplainMethod"/> on the command line and in the API: <c>occlusion</c> and <c>gradcam</c>.</summary>
public static class ExplainMethods
{
    public static ExplainMethod? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "occlusion" => ExplainMethod.Occlusion,
        "gradcam" or "grad-cam" => ExplainMethod.GradCam,
        _ => null,
    };

    public static string Name(ExplainMethod method) => method == ExplainMethod.GradCam ? "gradcam" : "occlusion";
}

/// <summary>How an explanation looks over the image.</summary>
public sealed record ExplainOptions
{
    public const int MinGrid = 2;
    public const int MaxGrid = 32;

    /// <summary>The deepest <see cref="Layer"/> asked for at all; each model has its own number of layers of maps (4 for convnet, 2 for resnet18tune).</summary>
    public const int MaxLayer = 8;

    /// <summary>How the heatmap is computed; occlusion unless asked.</summary>
    public ExplainMethod Method { get; init; } = ExplainMethod.Occlusion;

    /// <summary>
    /// Grad-CAM only: which of the image encoder's maps, counted back from the last before pooling or flattening (0);
    /// null (the default) for the deepest at least 7 cells per side (<c>GradCam.MinSide</c>). The heatmap is that map's
    /// size: for the ConvNet, the pixel side over 16 at layer 0, over 8 at layer 1, over 4 at 2 and over 2 at 3 (so the
    /// default is layer 1, 8 × 8, at the default 64 pixels); 7 × 7 for resnet18tune at either of its two layers (its
    /// block's output, 0, by default). Occlusion ignores it.
    /// </summary>
    public int? Layer { get; init; }

    /// <summary>
    /// Occlusion only: cells per side of the heatmap (Grad-CAM's is the size of its maps). A patch of 2 × 2 cells is painted at every cell corner (those at the border hang
    /// over the edge), so <c>(Grid + 1)²</c> occluded images are embedded: 64 for the default 7, whose patches are 2/7
    /// of the side.
    /// </summary>
    public int Grid { get; init; } = 7;

    /// <summary>Occlusion only: what the patch is painted with.</summary>
    public OcclusionFill Fill { get; init; } = OcclusionFill.ImageMean;

    /// <summary>Occluded images embedded per call of the image channel.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Grid is < MinGrid or > MaxGrid)
        {
            throw new ArgumentOutOfRangeException(nameof(Grid), Grid, $"The heatmap has {MinGrid} to {MaxGrid} cells per side (7 by default).");
        }

        if (Layer is < 0 or > MaxLayer)
        {
            throw new ArgumentOutOfRangeException(nameof(Layer), Layer, $"The Grad-CAM layer is 0 (the last maps) to {MaxLayer} blocks back.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }
}
