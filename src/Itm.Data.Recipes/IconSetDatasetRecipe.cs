namespace Itm.Data.Recipes;

/// <summary>One icon set of <see cref="IconSets"/> as a recipe of the catalogue, named by its key, with default options.</summary>
internal sealed class IconSetDatasetRecipe(IIconSet set) : IDatasetRecipe
{
    public string Name => set.Key;

    public string Description => $"The {set.Package} icons, captioned with their names, tags and aliases.";

    public string Source => $"npm {set.Package}@{set.Version}, {set.Licence} (fetched with npm into $ITM_CACHE/npm or ~/.cache/itm/npm).";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null)
    {
        Dictionary<string, string>? packages = request.PackageDir is null ? null : new() { [set.Key] = request.PackageDir };
        return new IconsRecipe(set.Key, [set], new IconsOptions(request.OutDir, packages, Seed: request.Seed), log).Run().DatasetPath;
    }
}
