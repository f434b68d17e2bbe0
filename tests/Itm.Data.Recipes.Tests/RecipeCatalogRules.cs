using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class RecipeCatalogRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Lists_the_recipes_in_help_order()
    {
        Assert.Equal(
            ["synthetic", "openclipart", "tuxpaint", "mdi", "tabler", "lucide", "bootstrap", "phosphor", "icons", "icons-styles", "iconify", "styled", "icon-themes", "drawings", "furniture", "flags", "base", "base-colour", "emoji"],
            RecipeCatalog.All.Select(recipe => recipe.Name));
        Assert.Equal("synthetic, openclipart, tuxpaint, mdi, tabler, lucide, bootstrap, phosphor, icons, icons-styles, iconify, styled, icon-themes, drawings, furniture, flags, base, base-colour, emoji", RecipeCatalog.Names);
    }

    [Fact]
    public void Every_recipe_has_a_one_word_lower_case_name_a_unique_one_and_one_line_of_each_text()
    {
        Assert.Equal(RecipeCatalog.All.Count, RecipeCatalog.All.Select(recipe => recipe.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(RecipeCatalog.All, recipe =>
        {
            Assert.Matches("^[a-z][a-z0-9-]*$", recipe.Name);
            foreach (string line in new[] { recipe.Description, recipe.Source })
            {
                Assert.False(string.IsNullOrWhiteSpace(line), recipe.Name);
                Assert.DoesNotContain('\n', line);
                Assert.DoesNotContain('\r', line);
            }
        });
    }

    [Theory]
    [InlineData("synthetic")]
    [InlineData("OpenClipart")]
    [InlineData("TUXPAINT")]
    public void Finds_a_recipe_by_name_whatever_its_case(string name)
    {
        IDatasetRecipe recipe = RecipeCatalog.Get(name);

        Assert.Equal(name.ToLowerInvariant(), recipe.Name);
        Assert.Same(recipe, RecipeCatalog.Find(name));
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_lists_the_known_ones()
    {
        Assert.Null(RecipeCatalog.Find("clipart"));
        Assert.Null(RecipeCatalog.Find(null));
        var error = Assert.Throws<ArgumentException>(() => RecipeCatalog.Get("clipart"));

        Assert.Contains("'clipart'", error.Message, StringComparison.Ordinal);
        Assert.All(RecipeCatalog.All, recipe => Assert.Contains(recipe.Name, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_holds_out_a_sixth_for_val_and_a_sixth_for_test_as_the_recipe_does_with_those_counts()
    {
        string catalogued = RecipeCatalog.Get("synthetic").Prepare(new RecipeRequest(_folder.PathOf("catalogue"), Seed: 3, Count: 24));
        SyntheticResult direct = new SyntheticRecipe(new SyntheticOptions(_folder.PathOf("direct"), ImageCount: 24, ValCount: 4, TestCount: 4, Seed: 3)).Run();

        Assert.Equal(Path.Combine(_folder.PathOf("catalogue"), "dataset.json"), catalogued);
        Assert.Equal(File.ReadAllBytes(direct.DatasetPath), File.ReadAllBytes(catalogued));
    }
}
