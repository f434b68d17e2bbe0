namespace Itm.Data.Recipes;

/// <summary>
/// A recipe as <c>itm data prepare</c> lists and runs it: its name, one line on what it builds, where its data
/// comes from, and the run. A new recipe is one file implementing this plus its line in <see cref="RecipeCatalog.All"/>.
/// </summary>
public interface IDatasetRecipe
{
    /// <summary>The name on the command line, lower case and one word ("openclipart"); also the dataset's name.</summary>
    string Name { get; }

    /// <summary>One line: what the dataset is made of.</summary>
    string Description { get; }

    /// <summary>One line: where the images and captions come from, and under which licence.</summary>
    string Source { get; }

    /// <summary>Builds the dataset into <see cref="RecipeRequest.OutDir"/> and returns the path of its <c>dataset.json</c>.</summary>
    string Prepare(RecipeRequest request, IProgress<string>? log = null);
}
