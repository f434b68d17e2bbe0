namespace Itm.Data.Recipes;

/// <summary>What the val and test splits of an icon dataset hold out.</summary>
public enum IconSplit
{
    /// <summary>Whole name families: no test icon's name, in any style or set, is seen in training (unseen things).</summary>
    Families,

    /// <summary>
    /// One icon of a family at a time: each held-out icon's family keeps its other styles (outlined, filled, another set's
    /// drawing of the same name) in training, so every test caption was seen there under another drawing (seen things,
    /// drawn another way).
    /// </summary>
    AcrossStyles,
}

/// <summary>Settings of <see cref="IconsRecipe"/>. The same options and packages give a byte-identical dataset.json.</summary>
/// <param name="OutDir">Receives <c>images/&lt;set&gt;/&lt;path in package&gt;.svg</c>, <c>dataset.json</c> and <c>recipe-report.json</c>.</param>
/// <param name="PackageDirs">Already extracted package folders by set key ("mdi" → ".../package"): used as they are, nothing is
/// fetched for them. Sets not named here are fetched with npm into <paramref name="CacheDir"/>.</param>
/// <param name="CacheDir">Where npm packages are fetched and extracted; null for <c>$ITM_CACHE/npm</c> or <c>~/.cache/itm/npm</c>.</param>
/// <param name="ValFraction">Share of the kept icons held out for val (whole families at a time; see <see cref="SplitAssigner"/>).</param>
/// <param name="TestFraction">Share held out for test, likewise.</param>
/// <param name="MaxTags">Tags kept in an icon's tag sentence.</param>
/// <param name="RenderSize">Side in pixels at which every SVG is rendered once to prove it draws; a failure skips the icon.</param>
/// <param name="Split">Whether val and test hold out whole families or single icons of families that keep others in training.</param>
public sealed record IconsOptions(
    string OutDir,
    IReadOnlyDictionary<string, string>? PackageDirs = null,
    string? CacheDir = null,
    int Seed = 7,
    double ValFraction = 0.05,
    double TestFraction = 0.05,
    int MaxCaptionsPerImage = 5,
    int MaxTags = 8,
    int RenderSize = 16,
    IconSplit Split = IconSplit.Families)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutDir);
        if (ValFraction is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(ValFraction), ValFraction, "ValFraction must lie in [0, 0.5].");
        if (TestFraction is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "TestFraction must lie in [0, 0.5].");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCaptionsPerImage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTags, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RenderSize, 1);
        if (!Enum.IsDefined(Split))
            throw new ArgumentOutOfRangeException(nameof(Split), Split, "Unknown icon split.");
    }
}
