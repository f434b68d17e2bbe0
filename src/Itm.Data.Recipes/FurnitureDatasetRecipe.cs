namespace Itm.Data.Recipes;

/// <summary>
/// Sweet Home 3D's furniture pictures (<see cref="SweetHome3dFurniture"/>) as a dataset of their own ("furniture"),
/// read by <see cref="DrawingsRecipe"/>: colour pictures of household things, every one for training.
/// </summary>
internal sealed class FurnitureDatasetRecipe : IDatasetRecipe
{
    public const string RecipeName = "furniture";

    public string Name => RecipeName;

    public string Description => "Colour pictures of household things (furniture, lamps, kitchenware, toys, plants) from Sweet Home 3D's catalogues, captioned with their names, categories and tags.";

    public string Source => "Debian's sweethome3d-furniture, CC0 and CC BY 3.0 per catalogue (installed on demand when run as root).";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null) =>
        new DrawingsRecipe(new DrawingsOptions(request.OutDir, Sets: [new SweetHome3dFurniture()], Seed: request.Seed, DatasetName: RecipeName), log).Run().DatasetPath;
}
