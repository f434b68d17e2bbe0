namespace Itm.Data.Recipes;

/// <summary>
/// The <c>icons</c> dataset split across styles ("icons-styles"): val and test hold single icons whose family keeps its
/// other styles and sets in training (<see cref="IconSplit.AcrossStyles"/>), so every test caption was seen in training
/// under another drawing. It measures what <c>icons</c>' split by families cannot: telling apart things the model has
/// learned the names of, drawn another way.
/// </summary>
internal sealed class IconStylesDatasetRecipe : IDatasetRecipe
{
    public string Name => "icons-styles";

    public string Description => "The icons dataset with val and test icons whose family keeps other styles in train: seen names, drawn another way.";

    public string Source => "npm icon packages, Apache-2.0, MIT and ISC (fetched with npm into $ITM_CACHE/npm or ~/.cache/itm/npm).";

    /// <remarks>With <see cref="RecipeRequest.PackageDir"/>, every set is read from its folder there, as for <c>icons</c>.</remarks>
    public string Prepare(RecipeRequest request, IProgress<string>? log = null) =>
        IconsRecipe.Prepare(Name, IconSets.All, request, log, IconSplit.AcrossStyles);
}
