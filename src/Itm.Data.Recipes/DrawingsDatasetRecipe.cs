namespace Itm.Data.Recipes;

/// <summary><see cref="DrawingsRecipe"/> in the catalogue, with its default options.</summary>
internal sealed class DrawingsDatasetRecipe : IDatasetRecipe
{
    public string Name => DrawingsRecipe.DatasetName;

    public string Description => "Colour drawings of everyday things: the Art4Apps picture dictionary and Scratch 1.4's costumes, captioned with their names and categories.";

    public string Source => "Debian's pysiogame and scratch, CC BY-SA 3.0 (installed on demand when run as root).";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null) =>
        new DrawingsRecipe(new DrawingsOptions(request.OutDir, Seed: request.Seed), log).Run().DatasetPath;
}
