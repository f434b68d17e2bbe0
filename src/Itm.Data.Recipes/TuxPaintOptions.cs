namespace Itm.Data.Recipes;

/// <summary>Settings of <see cref="TuxPaintRecipe"/>. The same options and source files give a byte-identical dataset.json.</summary>
/// <param name="OutDir">Receives <c>images/&lt;category&gt;/…/&lt;stamp&gt;.svg|png</c>, <c>dataset.json</c> and <c>recipe-report.json</c>.</param>
/// <param name="SourceDir">The stamps tree; the default is where Debian's <c>tuxpaint-stamps-default</c> installs it (installed on demand when run as root).</param>
/// <param name="ValCount">Target val images; reached exactly unless near-duplicate groups do not fit (see <see cref="SplitAssigner"/>).
/// The collection has about 950 stamps, so 100 val and 200 test leave about two thirds for training.</param>
/// <param name="TestCount">Target test images, likewise.</param>
/// <param name="BoilerplateMinFamilies">A description carried by stamps of this many different file-name families is boilerplate (<see cref="BoilerplateFilter"/>).</param>
/// <param name="FileNameFallback">Give stamps without a usable English description (no .txt, an empty first line, or only boilerplate) a caption
/// made of their file name's words when those say something (<see cref="Recipes.FileNameFallback"/>); false drops them.</param>
public sealed record TuxPaintOptions(
    string OutDir,
    string SourceDir = TuxPaintRecipe.DefaultSourceDir,
    int Seed = 7,
    int ValCount = 100,
    int TestCount = 200,
    int BoilerplateMinFamilies = 5,
    bool FileNameFallback = true)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(SourceDir);
        ArgumentOutOfRangeException.ThrowIfNegative(ValCount);
        ArgumentOutOfRangeException.ThrowIfNegative(TestCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(BoilerplateMinFamilies, 2);
    }
}
