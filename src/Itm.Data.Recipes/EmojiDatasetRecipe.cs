namespace Itm.Data.Recipes;

/// <summary>
/// The emoji benchmark ("emoji"): every set of <see cref="EmojiSets"/> merged into one dataset, identical drawings
/// merged, split by name family as the other icon recipes are. Held out: no training recipe includes it.
/// </summary>
internal sealed class EmojiDatasetRecipe : IDatasetRecipe
{
    public string Name => "emoji";

    public string Description =>
        $"{EmojiSets.All.Count} emoji sets ({string.Join(", ", EmojiSets.All.Select(set => set.Key))}) in one dataset: a held-out benchmark, never trained on by the base model.";

    public string Source => "npm @iconify-json/* packages, MIT, Apache-2.0 and CC-BY-SA-4.0 (fetched with npm into $ITM_CACHE/npm or ~/.cache/itm/npm).";

    /// <remarks>With <see cref="RecipeRequest.PackageDir"/>, every set is read from its folder there, named by its prefix.</remarks>
    public string Prepare(RecipeRequest request, IProgress<string>? log = null) => IconsRecipe.Prepare(Name, EmojiSets.All, request, log);
}
