namespace Itm.Data.Recipes;

/// <summary>Every recipe <c>itm data prepare</c> knows, in the order its help lists them.</summary>
public static class RecipeCatalog
{
    /// <summary>The recipes; names are unique (compared ignoring case).</summary>
    public static IReadOnlyList<IDatasetRecipe> All { get; } =
    [
        new SyntheticDatasetRecipe(),
        new OpenClipartDatasetRecipe(),
        new TuxPaintDatasetRecipe(),
        .. IconSets.All.Select(set => new IconSetDatasetRecipe(set)),
        new IconsDatasetRecipe(),
        new IconStylesDatasetRecipe(),
        new IconifyDatasetRecipe(),
        new StyledIconsDatasetRecipe(),
        new IconThemesDatasetRecipe(),
        new DrawingsDatasetRecipe(),
        new FurnitureDatasetRecipe(),
        new FlagsDatasetRecipe(),
        new BaseDatasetRecipe(),
        new BaseDatasetRecipe(BaseTrainingData.ColourRecipeName, BaseTrainingData.ColourParts),
        new EmojiDatasetRecipe(),
    ];

    /// <summary>The names of <see cref="All"/>, comma-separated: "synthetic, openclipart, tuxpaint, mdi, ...".</summary>
    public static string Names => string.Join(", ", All.Select(recipe => recipe.Name));

    /// <summary>The recipe called <paramref name="name"/> (case ignored), or null.</summary>
    public static IDatasetRecipe? Find(string? name) =>
        All.FirstOrDefault(recipe => string.Equals(recipe.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The recipe called <paramref name="name"/> (case ignored); an unknown name throws an <see cref="ArgumentException"/> listing the known ones.</summary>
    public static IDatasetRecipe Get(string name) =>
        Find(name) ?? throw new ArgumentException(UnknownName(name), nameof(name));

    /// <summary>The message for a name that is not in the catalogue, naming every one that is.</summary>
    public static string UnknownName(string? name) => $"Unknown recipe '{name}'. Known recipes: {Names}.";
}
