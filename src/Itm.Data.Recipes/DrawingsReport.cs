namespace Itm.Data.Recipes;

/// <summary>What <see cref="DrawingsRecipe"/> read from one collection.</summary>
/// <param name="Version">The installed version of <paramref name="Package"/> (<c>dpkg-query -W</c>); null for a folder dpkg does not know.</param>
/// <param name="Found">Drawing files the set lists.</param>
/// <param name="Empty">Files of zero bytes, skipped.</param>
/// <param name="NoCaption">Drawings whose name says nothing but their folder ("fantasy7.gif" in Fantasy), skipped.</param>
/// <param name="Duplicates">Drawings byte-identical to one kept before them (in this set or an earlier one), skipped.</param>
public sealed record DrawingSetReport(
    string Set,
    string Package,
    string? Version,
    string Licence,
    string Credit,
    string SourceDir,
    int Found,
    int Empty,
    int NoCaption,
    int Duplicates,
    int Kept);

/// <summary>What <see cref="DrawingsRecipe"/> did, as written to <c>recipe-report.json</c>.</summary>
public sealed record DrawingsReport(
    string Dataset,
    IReadOnlyList<DrawingSetReport> Sets,
    int ImagesKept,
    int Sentences,
    double CaptionsPerImage,
    int Groups,
    int Train,
    int Val,
    int Test,
    double Seconds);
