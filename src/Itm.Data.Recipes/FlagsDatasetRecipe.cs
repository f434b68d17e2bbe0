namespace Itm.Data.Recipes;

/// <summary>The flags of countries and regions (<see cref="CountryFlags"/>) as one dataset, captioned with their names.</summary>
internal sealed class FlagsDatasetRecipe : IDatasetRecipe
{
    public const string RecipeName = "flags";

    public string Name => RecipeName;

    public string Description => "Country and region flags (Iconify's flag set), captioned with their English names from ISO 3166.";

    public string Source => "npm @iconify-json/flag, MIT (fetched with npm into $ITM_CACHE/npm or ~/.cache/itm/npm); names from Debian's iso-codes.";

    public string Prepare(RecipeRequest request, IProgress<string>? log = null) => IconsRecipe.Prepare(Name, [new CountryFlags()], request, log);
}
