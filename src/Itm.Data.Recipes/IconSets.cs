namespace Itm.Data.Recipes;

/// <summary>The icon sets itm builds datasets from, in the order the combined recipe merges them.</summary>
/// <remarks>
/// No emoji set (OpenMoji, Twemoji, Noto Emoji, Fluent Emoji...) belongs here, in this list or in a recipe: emoji are held
/// out for evaluation, so a model trained on these sets has never seen them.
/// </remarks>
public static class IconSets
{
    public static IReadOnlyList<IIconSet> All { get; } =
    [
        new MdiIconSet(),
        new TablerIconSet(),
        new LucideIconSet(),
        new BootstrapIconSet(),
        new PhosphorIconSet(),
    ];
}
