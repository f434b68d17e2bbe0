using Itm.Cli.Commands;
using Itm.Data.Recipes;

namespace Itm.Cli.Tests;

/// <summary><c>itm data prepare</c> takes its recipes from <see cref="RecipeCatalog"/>: its help lists them all and it accepts no other.</summary>
public sealed class DataPrepareCommandTests
{
    [Fact]
    public void Help_lists_every_catalogue_recipe()
    {
        var (code, output) = CliRunner.Run("data", "prepare", "--help");

        Assert.Equal(0, code);
        Assert.NotEmpty(RecipeCatalog.All);
        Assert.All(RecipeCatalog.All, recipe => Assert.Contains($"{recipe.Name}:", output, StringComparison.Ordinal));
    }

    [Fact]
    public void The_data_branch_help_names_every_recipe()
    {
        var (code, output) = CliRunner.Run("data", "--help");

        Assert.Equal(0, code);
        Assert.All(RecipeCatalog.All, recipe => Assert.Contains(recipe.Name, output, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_recipe_is_bad_usage_naming_it_and_the_known_ones()
    {
        var (code, output) = CliRunner.Run("data", "prepare", "clipart", "--out", Path.Combine(Path.GetTempPath(), "itm-never-written"));

        Assert.Equal(2, code);
        Assert.Contains("'clipart'", output, StringComparison.Ordinal);
        Assert.All(RecipeCatalog.All, recipe => Assert.Contains(recipe.Name, output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("synthetic")]
    [InlineData("OpenClipart")]
    [InlineData("TuxPaint")]
    public void A_recipe_name_is_accepted_whatever_its_case(string recipe)
    {
        Assert.True(new DataPrepareSettings { Recipe = recipe, Out = "data/x" }.Validate().Successful);
    }

    [Fact]
    public void A_package_dir_that_does_not_exist_is_bad_usage_naming_it()
    {
        var result = new DataPrepareSettings { Recipe = "mdi", Out = "data/x", PackageDir = "/no/such/package" }.Validate();

        Assert.False(result.Successful);
        Assert.Contains("/no/such/package", result.Message, StringComparison.Ordinal);
    }
}
