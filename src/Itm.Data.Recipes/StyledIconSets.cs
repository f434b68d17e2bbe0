namespace Itm.Data.Recipes;

/// <summary>
/// The sets of the <c>styled</c> recipe: one list of everyday things drawn again in many colour styles (withicons'
/// 26 styles of the same 1,000 names: kawaii, sticker, clay, plush, skeuomorphic, retro...). They teach what the
/// monochrome icon sets cannot: the same thing looks very different from one drawing style to the next, which is what
/// a collection the base model never saw asks of it.
/// </summary>
/// <remarks>
/// npm has no package of their own for these sets: they are read from the whole collection, <c>@iconify/json</c>
/// (<see cref="IconifyIconSet.CollectionPackage"/>), pinned to the version the counts in docs/datasets.md were
/// measured on. withicons' plain line style (<c>withicons</c>) is left out: it is lucide's names drawn as lucide does,
/// which the <c>icons</c> recipe has. Faces with an expression ("smile", "wink") are what emoji draw, and emoji are held
/// out for evaluation: excluded.
/// </remarks>
public static class StyledIconSets
{
    /// <summary>The <c>@iconify/json</c> version read.</summary>
    public const string CollectionVersion = "2.2.553";

    /// <summary>withicons' names for a face with an expression, in every style.</summary>
    public static readonly IReadOnlySet<string> FaceNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "angry", "frown", "laugh", "meh", "smile", "smile-plus", "wink",
    };

    private static readonly string[] WithiconsStyles =
    [
        "anime", "bauhaus", "bento", "brutal", "christmas", "chrome", "clay", "coquette", "dock", "glass", "gothic", "halloween",
        "kawaii", "liquid", "lunar", "luxe", "pastel", "plush", "rangoli", "retro", "skeuo", "soft3d", "sticker", "suite", "utsav",
        "valentine",
    ];

    public static IReadOnlyList<IconifyIconSet> All { get; } =
        [.. WithiconsStyles.Select(style => new IconifyIconSet($"withicons-{style}", CollectionVersion, "MIT", inCollection: true, emojiNames: FaceNames))];
}
