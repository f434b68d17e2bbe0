using System.ComponentModel;
using Itm.Data.Recipes;
using Spectre.Console;

namespace Itm.Cli.Commands;

/// <summary>
/// The help text of <c>itm data prepare</c>'s recipe argument, made from <see cref="RecipeCatalog.All"/>: one line per
/// recipe with its name, what it builds and where its data comes from, so a recipe added to the catalogue is listed.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RecipeListDescriptionAttribute : DescriptionAttribute
{
    public RecipeListDescriptionAttribute()
        : base(Text())
    {
    }

    private static string Text() =>
        "The recipe, one of:" + string.Concat(RecipeCatalog.All.Select(recipe =>
            $"\n[bold]{Markup.Escape(recipe.Name)}[/]: {Markup.Escape(recipe.Description)} Source: {Markup.Escape(recipe.Source)}"));
}
