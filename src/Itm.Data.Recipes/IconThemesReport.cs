namespace Itm.Data.Recipes;

/// <summary>What <see cref="IconThemesRecipe"/> wrote, as written to <c>recipe-report.json</c>: per theme, then the dataset.</summary>
/// <param name="IconsRoot">The folder the themes were read from.</param>
/// <param name="MissingThemes">Themes of the list that are not installed (skipped); <paramref name="InstallMissing"/> installs them.</param>
/// <param name="InstallMissing">The <c>apt-get install</c> line for the missing themes' packages, or null when none is missing.</param>
/// <param name="MergedAcrossThemes">Drawings merged into an identical drawing of an earlier theme.</param>
/// <param name="CaptionsOverLimit">Captions left out because a drawing had more than the maximum per image.</param>
/// <param name="Groups">Name groups among the kept drawings: drawings sharing the family of their own name (any theme; identical drawings merged count with every name) are one group, never split.</param>
public sealed record IconThemesReport(
    string Dataset,
    string IconsRoot,
    IReadOnlyList<IconThemeReport> Themes,
    IReadOnlyList<string> MissingThemes,
    string? InstallMissing,
    int MergedAcrossThemes,
    int ImagesKept,
    int SvgImages,
    int PngImages,
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
