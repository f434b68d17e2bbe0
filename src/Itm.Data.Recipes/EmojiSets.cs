namespace Itm.Data.Recipes;

/// <summary>
/// The emoji sets of the <c>emoji</c> benchmark: drawings the base model never trains on (every training recipe
/// refuses them, <see cref="IconifyIconSet.EmojiPrefixes"/>), so its zero-shot figures on them are honest. Each is a
/// held-out <see cref="IconifyIconSet"/>; captions come from the emoji's names and categories, as for the icon sets.
/// </summary>
/// <remarks>
/// Three styles of one vocabulary (Unicode's emoji names): Microsoft's flat Fluent drawings, Google's Noto and the
/// hand-drawn OpenMoji; identical drawings are merged and each name family goes to one split. Versions are what npm
/// served on 2026-12-07. Twemoji's package (70 MB) is left out for its size.
/// </remarks>
public static class EmojiSets
{
    public static IReadOnlyList<IconifyIconSet> All { get; } =
    [
        new("fluent-emoji-flat", "1.2.6", "MIT", heldOut: true),
        new("noto", "1.2.9", "Apache-2.0", heldOut: true),
        new("openmoji", "1.2.29", "CC-BY-SA-4.0", heldOut: true),
    ];
}
