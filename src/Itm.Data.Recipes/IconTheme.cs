namespace Itm.Data.Recipes;

/// <summary>
/// One freedesktop icon theme as Debian installs it under <c>/usr/share/icons/&lt;Folder&gt;</c>: which package ships it,
/// under which licence, and which of its names are recolours of another of its icons.
/// </summary>
/// <param name="Folder">The theme's folder under the icons root, holding its <c>index.theme</c> ("Tango").</param>
/// <param name="Package">The Debian package that installs the folder ("tango-icon-theme").</param>
/// <param name="Licence">The licence of the icons as the package's <c>/usr/share/doc/&lt;package&gt;/copyright</c> gives it for
/// <c>Files: *</c> ("public-domain", "GPL-3+", "CC-BY-SA-4.0 or GPL-3+").</param>
/// <param name="ColourVariants">A regular expression over icon names that the theme ships as the same drawing in many colours
/// ("folder-red-music", "folder-teal-music"...), or null. Those names are skipped (counted as <c>colourVariant</c>): dozens of
/// recolours of one folder would outweigh every other drawing, and their colour-scheme names ("nordic", "yaru") are no
/// words of a caption. The plain colour icons ("folder-red") do not match and stay.</param>
public sealed record IconTheme(string Folder, string Package, string Licence, string? ColourVariants = null);
