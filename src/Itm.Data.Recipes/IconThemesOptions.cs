namespace Itm.Data.Recipes;

/// <summary>Settings of <see cref="IconThemesRecipe"/>. The same options and installed themes give a byte-identical dataset.json.</summary>
/// <param name="OutDir">Receives <c>images/&lt;theme&gt;/&lt;context&gt;/&lt;name&gt;.svg|svgz|png</c>, <c>dataset.json</c> and <c>recipe-report.json</c>.</param>
/// <param name="IconsRoot">The folder holding one folder per theme (<c>&lt;root&gt;/Tango/index.theme</c>); Debian's <c>/usr/share/icons</c> by default.</param>
/// <param name="Themes">The themes to read, in order; null for <see cref="IconThemes.All"/>.</param>
/// <param name="ValFraction">Share of the kept drawings held out for val (whole name groups at a time; see <see cref="SplitAssigner"/>).</param>
/// <param name="TestFraction">Share held out for test, likewise.</param>
/// <param name="MaxCaptionsPerImage">Captions kept per drawing: its name, its tag sentence, then aliases until the limit.</param>
/// <param name="RenderSize">Side in pixels at which every drawing is rendered once, to prove it draws and to measure its colour.</param>
/// <param name="MinDrawnShare">A drawing covering less of its square than this (<see cref="IconColour.DrawnShare"/>) is skipped as
/// blank: white glyphs meant for dark bars vanish on the white the loader composites on.</param>
/// <param name="MinColouredShare">A drawing with less of its drawn pixels in colour than this (<see cref="IconColour.ColouredShare"/>)
/// and a flat ink (<paramref name="MinFlatShare"/>) is skipped as monochrome: the recipe exists for coloured and shaded drawings,
/// and one-ink glyphs are what the other icon recipes have plenty of.</param>
/// <param name="MinFlatShare">How much of a drawing's inside must be one lightness (<see cref="IconColour.FlatShare"/>) for a colourless
/// drawing to count as a one-ink glyph; below it, it is a drawing shaded in greys and stays. Glyphs measure 0.9–1, shaded drawings 0.15–0.6.</param>
public sealed record IconThemesOptions(
    string OutDir,
    string IconsRoot = IconThemesRecipe.DefaultIconsRoot,
    IReadOnlyList<IconTheme>? Themes = null,
    int Seed = 7,
    double ValFraction = 0.05,
    double TestFraction = 0.05,
    int MaxCaptionsPerImage = 5,
    int RenderSize = 32,
    double MinDrawnShare = 0.02,
    double MinColouredShare = 0.1,
    double MinFlatShare = 0.7)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(IconsRoot);
        if (Themes is { Count: 0 })
            throw new ArgumentException("At least one icon theme is needed.", nameof(Themes));
        if (ValFraction is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(ValFraction), ValFraction, "ValFraction must lie in [0, 0.5].");
        if (TestFraction is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "TestFraction must lie in [0, 0.5].");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCaptionsPerImage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RenderSize, 8);
        if (MinDrawnShare is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(MinDrawnShare), MinDrawnShare, "MinDrawnShare must lie in [0, 1].");
        if (MinColouredShare is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(MinColouredShare), MinColouredShare, "MinColouredShare must lie in [0, 1].");
        if (MinFlatShare is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(MinFlatShare), MinFlatShare, "MinFlatShare must lie in [0, 1].");
    }
}
