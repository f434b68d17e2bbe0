using System.Globalization;

namespace Itm.Search.Duplicates;

/// <summary>How <see cref="DuplicateGrouper"/> decides that two images are copies of one another, and how it searches for them.</summary>
public sealed record DuplicateOptions
{
    /// <summary>The lowest threshold accepted: below it nearly every pair of a collection would be "duplicates".</summary>
    public const float MinThreshold = 0.5f;

    /// <summary>
    /// Two images are duplicates when the cosine of their stored vectors is at least this, and groups are closed under
    /// it (a copy of a copy is in the group too). Chosen on the validation half of benchmarks/duplicates: resized,
    /// re-encoded, slightly cropped and recoloured copies of a drawing against distinct drawings: the lowest threshold
    /// whose pair precision reaches 0.97 with the base model's vectors (0.76, with the thumbnail check at 0.7).
    /// </summary>
    public float Threshold { get; init; } = 0.76f;

    /// <summary>What else a pair above <see cref="Threshold"/> must pass to count (the default reads each candidate's file once).</summary>
    public PixelCheck Check { get; init; } = PixelCheck.Thumbnail;

    /// <summary>With <see cref="PixelCheck.Thumbnail"/>: the cosine two images' <see cref="PixelFingerprint"/>s must reach, from -1 to 1.</summary>
    public float PixelThreshold { get; init; } = 0.7f;

    /// <summary>
    /// Neighbours asked for each image in the first pass. An image whose last neighbour is still above the threshold is
    /// asked again with four times as many, so a group of any size is found whole; this only sets the first pass's cost.
    /// </summary>
    public int Neighbours { get; init; } = 16;

    /// <summary>Images whose neighbours are searched in one batch (a batch reads the vectors once for all of its queries).</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value and what to give instead.</summary>
    public void Validate()
    {
        if (!IsThreshold(Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, ThresholdAdvice(Threshold.ToString(CultureInfo.InvariantCulture), "The duplicate threshold"));
        }

        if (!Enum.IsDefined(Check))
        {
            throw new ArgumentOutOfRangeException(nameof(Check), Check, "Not a pixel check: give None or Thumbnail.");
        }

        if (!(PixelThreshold is >= -1 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PixelThreshold), PixelThreshold,
                string.Create(CultureInfo.InvariantCulture, $"The pixel threshold is '{PixelThreshold}': give a cosine from -1 to 1 (default {new DuplicateOptions().PixelThreshold}); higher asks thumbnails to be more alike."));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbours, 2, nameof(Neighbours));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }

    /// <summary>Whether <paramref name="threshold"/> is a threshold <see cref="Validate"/> accepts.</summary>
    public static bool IsThreshold(double threshold) => threshold is >= MinThreshold and <= 1;

    /// <summary>
    /// What to say of a bad threshold, <paramref name="given"/> as the user wrote it (null when it was not a number), under
    /// the name <paramref name="what"/> (an option, a parameter).
    /// </summary>
    public static string ThresholdAdvice(string? given, string what) => string.Create(CultureInfo.InvariantCulture,
        $"{what} is {(given is null ? "not a number" : $"'{given}'")}: give a cosine from {MinThreshold} to 1 with a point for decimals (default {new DuplicateOptions().Threshold}); images at least that similar are grouped as duplicates, so a higher value finds fewer, closer copies.");
}
