namespace Itm.Data.Recipes;

/// <summary>
/// Every set of <see cref="IconifySets"/> merged into one dataset ("iconify"), identical drawings across sets merged,
/// split by name family, as <see cref="IconsDatasetRecipe"/> does for the npm sets.
/// </summary>
internal sealed class IconifyDatasetRecipe : IDatasetRecipe
{
    public string Name => "iconify";

    public string Description =>
        $"{IconifySets.All.Count} Iconify sets (game-icons, healthicons, solar, streamline...) in one dataset, identical drawings merged; no emoji, no brands.";

    public string Source => "npm @iconify-json/* packages, MIT, Apache-2.0, CC0, OFL-1.1, CC-BY-3.0 and CC-BY-4.0 (fetched with npm into $ITM_CACHE/npm or ~/.cache/itm/npm).";

    /// <remarks>With <see cref="RecipeRequest.PackageDir"/>, every set is read from its folder there, named by its prefix
    /// (<c>game-icons/</c>, <c>solar/</c>...); a missing one is an error that names it, not a fetch. The SVG files made
    /// from each package are written into its folder (<see cref="IconifyIconSet.SvgFolder"/>).</remarks>
    public string Prepare(RecipeRequest request, IProgress<string>? log = null) => IconsRecipe.Prepare(Name, IconifySets.All, request, log);
}
