namespace Itm.Data.Recipes;

/// <summary>Settings of <see cref="DrawingsRecipe"/>. The same options and source files give a byte-identical dataset.json.</summary>
/// <param name="OutDir">Receives <c>images/&lt;set&gt;/&lt;category&gt;/&lt;name&gt;</c>, <c>dataset.json</c> and <c>recipe-report.json</c>.</param>
/// <param name="Sets">The collections read; <see cref="DrawingSets.All"/> by default.</param>
/// <param name="SourceDirs">A folder per set key in place of the set's Debian one (tests, or a copy made by hand); a set not
/// named here reads its package's folder and installs the package when run as root.</param>
/// <param name="ValCount">Target val images. Zero by default: the collections are small and every drawing is wanted for
/// training; what they are for is measured on held-out collections (OpenClipart, Tux Paint, emoji).</param>
/// <param name="TestCount">Target test images, likewise.</param>
/// <param name="DatasetName">The name written to dataset.json and the report: "drawings", or another recipe's that reads other sets.</param>
public sealed record DrawingsOptions(
    string OutDir,
    IReadOnlyList<IDrawingSet>? Sets = null,
    IReadOnlyDictionary<string, string>? SourceDirs = null,
    int Seed = 7,
    int ValCount = 0,
    int TestCount = 0,
    string DatasetName = DrawingsRecipe.DatasetName)
{
    /// <summary>The collections to read.</summary>
    public IReadOnlyList<IDrawingSet> EffectiveSets => Sets ?? DrawingSets.All;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(DatasetName);
        ArgumentOutOfRangeException.ThrowIfNegative(ValCount);
        ArgumentOutOfRangeException.ThrowIfNegative(TestCount);
        if (EffectiveSets.Count == 0)
            throw new ArgumentException("The drawings recipe needs at least one set.", nameof(Sets));
        if (EffectiveSets.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != EffectiveSets.Count)
            throw new ArgumentException("The drawing sets need distinct keys.", nameof(Sets));
    }
}
