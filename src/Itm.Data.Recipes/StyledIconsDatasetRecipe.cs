namespace Itm.Data.Recipes;

/// <summary>
/// Every set of <see cref="StyledIconSets"/> in one dataset ("styled"), split by name, so every style of one thing lands
/// in one split, as <see cref="IconifyDatasetRecipe"/> does for its sets.
/// </summary>
internal sealed class StyledIconsDatasetRecipe : IDatasetRecipe
{
    public const string RecipeName = "styled";

    public string Name => RecipeName;

    public string Description =>
        $"The same 1,000 things in {StyledIconSets.All.Count} colour styles (withicons: kawaii, sticker, clay, plush...), split by name; no faces.";

    public string Source => $"npm {IconifyIconSet.CollectionPackage}@{StyledIconSets.CollectionVersion}, MIT (fetched with npm into $ITM_CACHE/npm or ~/.cache/itm/npm).";

    /// <remarks>With <see cref="RecipeRequest.PackageDir"/>, every set is read from its folder there, named by its prefix,
    /// each holding <c>json/PREFIX.json</c> as the collection does.</remarks>
    public string Prepare(RecipeRequest request, IProgress<string>? log = null) => IconsRecipe.Prepare(Name, StyledIconSets.All, request, log);
}
