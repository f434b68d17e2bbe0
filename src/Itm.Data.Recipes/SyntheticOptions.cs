namespace Itm.Data.Recipes;

/// <summary>Settings of <see cref="SyntheticRecipe"/>. The same options (seed included) give a byte-identical dataset.json.</summary>
/// <param name="OutDir">Folder that receives <c>images/NNNNN.png</c>, <c>dataset.json</c>, <c>scenes.json</c> and <c>recipe-report.json</c>.</param>
/// <param name="ImageCount">All images, val and test included.</param>
/// <param name="ImageSize">Side of the square PNGs, in pixels.</param>
/// <param name="TwinFraction">
/// Chance that a two- or three-object scene gets a twin with two attributes (or places) exchanged. Twins
/// have the same bag of caption words, so this is the share of data that only word order can disambiguate.
/// </param>
/// <param name="SingleObjectFraction">Share of scenes with one object (no relation to describe).</param>
/// <param name="ThreeObjectFraction">Share of scenes with three objects in a row or column.</param>
public sealed record SyntheticOptions(
    string OutDir,
    int ImageCount = 6000,
    int ValCount = 1000,
    int TestCount = 1000,
    int Seed = 7,
    int ImageSize = 128,
    int CaptionsPerImage = 5,
    double TwinFraction = 0.8,
    double SingleObjectFraction = 0.1,
    double ThreeObjectFraction = 0.1)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutDir);
        ArgumentOutOfRangeException.ThrowIfLessThan(ImageCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ValCount);
        ArgumentOutOfRangeException.ThrowIfNegative(TestCount);
        if (ValCount + TestCount > ImageCount)
            throw new ArgumentException($"ValCount + TestCount ({ValCount} + {TestCount}) exceeds ImageCount ({ImageCount}).");
        // Below 32 pixels the small shapes are a few pixels wide and stop being recognisable.
        ArgumentOutOfRangeException.ThrowIfLessThan(ImageSize, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(CaptionsPerImage, 1);
        // The single-object templates can only say so many different things about one object.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CaptionsPerImage, 8);
        CheckFraction(TwinFraction, nameof(TwinFraction));
        CheckFraction(SingleObjectFraction, nameof(SingleObjectFraction));
        CheckFraction(ThreeObjectFraction, nameof(ThreeObjectFraction));
        if (SingleObjectFraction + ThreeObjectFraction > 1)
            throw new ArgumentException("SingleObjectFraction + ThreeObjectFraction exceeds 1.");
    }

    private static void CheckFraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, value, "Must be between 0 and 1.");
    }
}
