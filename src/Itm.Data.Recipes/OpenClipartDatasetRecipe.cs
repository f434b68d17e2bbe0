namespace Itm.Data.Recipes;

/// <summary><see cref="OpenClipartRecipe"/> in the catalogue, with its default options.</summary>
internal sealed class OpenClipartDatasetRecipe : IDatasetRecipe
{
    public string Name => "openclipart";

    public string Description => "OpenClipart drawings, captioned with their own titles, descriptions, keywords or file names.";

    public string Source => "Debian's openclipart-svg, public domain (installed on demand when run as root).";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null) =>
        new OpenClipartRecipe(new OpenClipartOptions(request.OutDir, Seed: request.Seed), log).Run().DatasetPath;
}
