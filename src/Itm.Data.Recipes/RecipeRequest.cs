namespace Itm.Data.Recipes;

/// <summary>What every recipe in <see cref="RecipeCatalog"/> is run with; each recipe's own options record has the rest.</summary>
/// <param name="OutDir">Folder that receives <c>dataset.json</c>, the images and <c>recipe-report.json</c>.</param>
/// <param name="Seed">Seed of everything random in the recipe (scenes, split).</param>
/// <param name="Count">How many images to make, for recipes that draw their own (synthetic); null for the recipe's default.
/// Recipes that take their images from a collection keep all they can and ignore it.</param>
/// <param name="PackageDir">For the icon-set recipes, an already extracted npm package to read instead of fetching one (for
/// <c>icons</c> and <c>iconify</c>, a folder holding one such folder per set, named by the set: <c>mdi/</c>, <c>tabler/</c>...,
/// <c>game-icons/</c>...); null to fetch. For <c>icon-themes</c>, the folder holding the themes instead of
/// <c>/usr/share/icons</c>. The other recipes ignore it.</param>
public sealed record RecipeRequest(string OutDir, int Seed = 7, int? Count = null, string? PackageDir = null);
