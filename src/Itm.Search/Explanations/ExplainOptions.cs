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

/// <summary>How an explanation looks over the image.</summary>
public sealed record ExplainOptions
{
    public const int MinGrid = 2;
    public const int MaxGrid = 32;

    /// <summary>
    /// Cells per side of the heatmap. A patch of 2 × 2 cells is painted at every cell corner (those at the border hang
    /// over the edge), so <c>(Grid + 1)²</c> occluded images are embedded: 64 for the default 7, whose patches are 2/7
    /// of the side.
    /// </summary>
    public int Grid { get; init; } = 7;

    /// <summary>What the patch is painted with.</summary>
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

        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }
}
