namespace Itm.Data.Recipes;

/// <summary>
/// The full-colour freedesktop icon themes of Debian 12 that the <c>icon-themes</c> recipe reads, in the order it reads
/// them (on identical drawings the earlier theme's file is kept). Each is a drawn, shaded or flat-coloured picture of an
/// everyday thing (printer, camera, folder, cloud, keyboard), which is what a model trained on monochrome line icons lacks.
/// </summary>
/// <remarks>
/// Installed and looked at, and left out: <c>suru-icon-theme</c> (Ubuntu Touch: line icons and language badges; its few
/// colour icons are application logos), <c>numix-icon-theme-circle</c> (application logos in circles only), the recolours
/// that ship beside a kept theme, for dark panels or in other accent colours (Papirus-Dark, Papirus-Light, ePapirus,
/// ePapirus-Dark, breeze-dark, Numix-Light, Faenza-Dark/-Darker/-Darkest/-Ambiance/-Radiance,
/// elementary-xfce-dark/-darker/-darkest, menta, Mint-Y-&lt;colour&gt; and Mint-Y-Dark-*, Obsidian-&lt;colour&gt;,
/// Yaru-&lt;colour&gt;, bloom-dark, bloom-classic-dark, Paper-Mono-Dark), and the folders without icons of their own
/// (default, hicolor, locolor). The gnome-colors variants (gnome-brave, gnome-dust, ...) recolour gnome-colors-common and
/// were not installed.
/// </remarks>
public static class IconThemes
{
    // Papirus draws every folder in 26 colour schemes ("folder-nordic-music"); user-<scheme>-home likewise.
    private const string PapirusColourVariants =
        "^(folder|user)-(adwaita|black|blue|bluegrey|breeze|brown|carmine|custom|cyan|darkcyan|deeporange|green|grey|indigo"
        + "|magenta|nordic|orange|palebrown|paleorange|pink|red|teal|violet|white|yaru|yellow)-.+";

    // Numix prefixes the colour: "blue-folder-music", "blue-user-home", "blue-fileopen".
    private const string NumixColourVariants =
        "^(blue|brown|custom|default|green|grey|orange|pink|purple|red|yellow)-(folder-.+|user-.+|fileopen|network)$";

    /// <summary>The themes, each with its package and the licence its copyright file names for <c>Files: *</c>.</summary>
    public static IReadOnlyList<IconTheme> All { get; } =
    [
        new("Tango", "tango-icon-theme", "public-domain"),
        new("gnome", "gnome-icon-theme", "GPL-2+"),
        new("mate", "mate-icon-theme", "LGPL-3+ or CC-BY-SA"),
        new("gnome-colors-common", "gnome-colors-common", "GPL-2"),
        new("elementary-xfce", "elementary-xfce-icon-theme", "GPL-2+"),
        new("oxygen", "oxygen-icon-theme", "LGPL-3+"),
        new("Adwaita", "adwaita-icon-theme", "CC-BY-SA-3.0 or LGPL-3"),
        new("Faenza", "faenza-icon-theme", "GPL-3+"),
        new("Faba", "faba-icon-theme", "GPL-3 or CC-BY-SA-4.0"),
        new("Moka", "moka-icon-theme", "CC-BY-SA-4.0 or GPL-3+"),
        new("Numix", "numix-icon-theme", "GPL-3+", NumixColourVariants),
        new("Papirus", "papirus-icon-theme", "GPL-3", PapirusColourVariants),
        new("breeze", "breeze-icon-theme", "LGPL-3+"),
        new("gartoon", "gnome-icon-theme-gartoon", "GPL-2+"),
        new("Nuovo", "gnome-icon-theme-nuovo", "GPL-2+"),
        new("yasis", "gnome-icon-theme-yasis", "GPL-2+"),
        new("Suede", "gnome-icon-theme-suede", "GPL-2+"),
        new("nuoveXT2", "lxde-icon-theme", "LGPL-3+"),
        new("elementary", "elementary-icon-theme", "GPL-3.0-or-later"),
        new("bloom", "deepin-icon-theme", "LGPL-3+"),
        new("bloom-classic", "deepin-icon-theme", "LGPL-3+"),
        new("Vintage", "deepin-icon-theme", "LGPL-3+"),
        new("Sea", "deepin-icon-theme", "LGPL-3+"),
        new("Mint-Y", "mint-y-icons", "CC-BY-SA-4"),
        new("Obsidian", "obsidian-icon-theme", "GPL-3"),
        new("Paper", "paper-icon-theme", "CC-BY-SA-3.0"),
        new("Yaru", "yaru-theme-icon", "CC-BY-SA-4.0"),
    ];

    /// <summary>The command that installs <paramref name="themes"/>' packages, each once, in list order.</summary>
    public static string InstallCommand(IEnumerable<IconTheme> themes) =>
        "sudo apt-get install " + string.Join(' ', themes.Select(theme => theme.Package).Distinct(StringComparer.Ordinal));
}
