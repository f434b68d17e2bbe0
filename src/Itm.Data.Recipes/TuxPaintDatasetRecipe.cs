namespace Itm.Data.Recipes;

/// <summary><see cref="TuxPaintRecipe"/> in the catalogue, with its default options.</summary>
internal sealed class TuxPaintDatasetRecipe : IDatasetRecipe
{
    public string Name => "tuxpaint";

    public string Description => "Tux Paint's stamps, captioned with their English descriptions or file names.";

    public string Source => "Debian's tuxpaint-stamps-default, GPL (installed on demand when run as root).";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null) =>
        new TuxPaintRecipe(new TuxPaintOptions(request.OutDir, Seed: request.Seed), log).Run().DatasetPath;
}
