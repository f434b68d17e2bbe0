namespace Itm.Data.Recipes;

/// <summary>What <see cref="IconsRecipe"/> wrote, as written to <c>recipe-report.json</c>: per set, then the dataset.</summary>
/// <param name="Dataset">The dataset name ("mdi", or "icons" for the combined recipe).</param>
/// <param name="MergedAcrossSets">Icons merged into an identical drawing of an earlier set.</param>
/// <param name="CaptionsOverLimit">Captions left out because an icon had more than the maximum per image.</param>
/// <param name="Groups">Name families among the kept images (<see cref="IconCaptioner.FamilyOf"/>); a family is never split.</param>
public sealed record IconsReport(
    string Dataset,
    IReadOnlyList<IconSetReport> Sets,
    int MergedAcrossSets,
    int ImagesKept,
    int Sentences,
    IReadOnlyDictionary<CaptionKind, int> SentencesByKind,
    double CaptionsPerImage,
    int CaptionsOverLimit,
    int Groups,
    int GroupsWithVariants,
    int LargestGroup,
    int Train,
    int Val,
    int Test,
    CleaningCounts Cleaning,
    double Seconds);
