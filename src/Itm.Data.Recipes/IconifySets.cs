namespace Itm.Data.Recipes;

/// <summary>
/// The Iconify sets the <c>iconify</c> recipe merges, in merge order: chosen for the drawing styles and subjects the
/// five sets of <see cref="IconSets"/> lack (games and fantasy, health, maps, weather; multi-colour, hand-drawn, pixel and
/// duotone drawings), and never one of those five again (no mdi, tabler, lucide, bi or ph here).
/// </summary>
/// <remarks>
/// Versions are pinned to what npm served when the counts in docs/datasets.md were measured; licences are the packages'
/// own SPDX ids, checked again at read time. Left out on purpose: every emoji set (emoji are held out for evaluation;
/// <see cref="IconifyIconSet.EmojiPrefixes"/> refuses them), and every set of brand logos, flags, file types or
/// currencies (logos, simple-icons, devicon, vscode-icons, flag, cryptocurrency...), whose names are trademarks and codes
/// rather than things. Not added to <see cref="IconSets.All"/>: that would change the <c>icons</c> dataset.
/// </remarks>
public static class IconifySets
{
    public static IReadOnlyList<IconifyIconSet> All { get; } =
    [
        // Subjects: games and fantasy, health and medicine, places on a map, weather.
        new("game-icons", "1.2.4", "CC-BY-3.0"),
        new("healthicons", "1.2.13", "MIT"),
        new("medical-icon", "1.2.0", "MIT"),
        new("maki", "1.2.5", "CC0-1.0"),
        new("map", "1.2.2", "OFL-1.1"),
        new("meteocons", "1.2.4", "MIT"),
        // wi's aliases are weather-service codes ("owm-801", "yahoo-16", "wmo4680-29"), not names.
        new("wi", "1.2.1", "OFL-1.1", useAliases: false),

        // Multi-colour and hand-drawn styles.
        new("flat-color-icons", "1.2.3", "MIT"),
        new("fluent-color", "1.2.21", "MIT"),
        new("icon-park", "1.2.4", "Apache-2.0"),
        new("streamline-freehand-color", "1.2.2", "CC-BY-4.0"),
        new("streamline-ultimate-color", "1.2.2", "CC-BY-4.0"),

        // Streamline's line, solid, rounded and pixel families.
        new("streamline-ultimate", "1.2.2", "CC-BY-4.0"),
        // Its aliases are its old names, keyword lists run together ("interface-arrows-bottom-down-move-arrow-arrows").
        new("streamline", "1.2.5", "CC-BY-4.0", useAliases: false),
        new("streamline-flex", "1.2.3", "CC-BY-4.0"),
        new("streamline-plump", "1.2.0", "CC-BY-4.0"),
        new("streamline-pixel", "1.2.0", "CC-BY-4.0"),
        new("pixelarticons", "1.2.9", "MIT"),

        // General sets in styles the five npm sets lack: Font Awesome's solid shapes, Solar's duotones, IBM's Carbon,
        // Remix, Iconoir and Microsoft's Fluent MDL2.
        new("fa6-solid", "1.2.4", "CC-BY-4.0"),
        new("fa6-regular", "1.2.4", "CC-BY-4.0"),
        new("solar", "1.2.13", "CC-BY-4.0"),
        // Carbon's categories are IBM product areas (a sun under "Planning"), not subjects.
        new("carbon", "1.2.29", "Apache-2.0", useCategories: false),
        new("ri", "1.2.10", "Apache-2.0"),
        new("iconoir", "1.2.11", "MIT"),
        new("fluent-mdl2", "1.2.1", "MIT"),
    ];
}
