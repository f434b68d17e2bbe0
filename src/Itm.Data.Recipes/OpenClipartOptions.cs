namespace Itm.Data.Recipes;

/// <summary>Settings of <see cref="OpenClipartRecipe"/>. The same options and source files give a byte-identical dataset.json.</summary>
/// <param name="OutDir">Receives <c>images/&lt;category&gt;/&lt;file&gt;.svg</c>, <c>dataset.json</c> and <c>recipe-report.json</c>.</param>
/// <param name="SourceDir">The OpenClipart tree; the default is where Debian's <c>openclipart-svg</c> installs it (installed on demand when run as root).</param>
/// <param name="ValCount">Target val images; reached exactly unless near-duplicate groups do not fit (see <see cref="SplitAssigner"/>).</param>
/// <param name="TestCount">Target test images, likewise.</param>
/// <param name="BoilerplateMinFamilies">A caption carried by drawings of this many different file-name families is boilerplate (<see cref="BoilerplateFilter"/>).</param>
/// <param name="MaxDescriptionWords">Longer description sentences are cut (<see cref="CaptionCleaner"/>).</param>
/// <param name="MaxKeywords">Keywords kept in the keyword sentence.</param>
/// <param name="FileNameFallback">Give drawings whose captions were all boilerplate (or that had none) a caption made of
/// their file name's words (<see cref="Recipes.FileNameFallback"/>); false keeps only drawings with captions of their own.</param>
public sealed record OpenClipartOptions(
    string OutDir,
    string SourceDir = OpenClipartRecipe.DefaultSourceDir,
    int Seed = 7,
    int ValCount = 1000,
    int TestCount = 1000,
    int MaxCaptionsPerImage = 5,
    int BoilerplateMinFamilies = 5,
    int MaxDescriptionWords = 20,
    int MaxKeywords = 8,
    bool FileNameFallback = true)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(SourceDir);
        ArgumentOutOfRangeException.ThrowIfNegative(ValCount);
        ArgumentOutOfRangeException.ThrowIfNegative(TestCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCaptionsPerImage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BoilerplateMinFamilies, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDescriptionWords, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxKeywords, 1);
    }
}
