namespace Itm.Data.Recipes;

/// <summary>Every set of <see cref="IconSets"/> merged into one dataset ("icons"), identical drawings across sets merged.</summary>
internal sealed class IconsDatasetRecipe : IDatasetRecipe
{
    public string Name => "icons";

    public string Description => "All icon sets (mdi, tabler, lucide, bootstrap, phosphor) in one dataset, identical drawings merged.";

    public string Source => "npm icon packages, Apache-2.0, MIT and ISC (fetched with npm into $ITM_CACHE/npm or ~/.cache/itm/npm).";

    /// <remarks>With <see cref="RecipeRequest.PackageDir"/>, every set is read from its folder there (<c>mdi/</c>, <c>tabler/</c>...);
    /// a missing one is an error that names it, not a fetch.</remarks>
    public string Prepare(RecipeRequest request, IProgress<string>? log = null) => IconsRecipe.Prepare(Name, IconSets.All, request, log);
}
