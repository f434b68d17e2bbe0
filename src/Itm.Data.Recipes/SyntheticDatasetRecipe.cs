namespace Itm.Data.Recipes;

/// <summary><see cref="SyntheticRecipe"/> in the catalogue: <see cref="RecipeRequest.Count"/> images, a sixth of them val and a sixth test.</summary>
internal sealed class SyntheticDatasetRecipe : IDatasetRecipe
{
    public string Name => "synthetic";

    public string Description => "Coloured shapes in spatial relations, with captions whose meaning depends on word order.";

    public string Source => "Drawn by the recipe from its seed (nothing downloaded, no licence terms).";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null)
    {
        int count = request.Count ?? new SyntheticOptions(request.OutDir).ImageCount;
        // Val and test are a sixth of the images each (1,000 of the default 6,000).
        int heldOut = Math.Max(1, count / 6);
        var options = new SyntheticOptions(request.OutDir, ImageCount: count, ValCount: heldOut, TestCount: heldOut, Seed: request.Seed);
        return new SyntheticRecipe(options, log).Run().DatasetPath;
    }
}
