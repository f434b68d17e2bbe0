namespace Itm.Data.Recipes;

/// <summary>
/// Application, vendor and distribution names that start icon names outside the applications context: programs file
/// their own status and action icons under their name ("kdenlive-hide-video", "skype-away", "nm-signal-100-secure",
/// "distributor-logo-debian"), and a caption made of that name says nothing about the picture.
/// </summary>
/// <remarks>
/// Collected from the themes of <see cref="IconThemes"/>: the first words of kept names that are no English word
/// (<c>/usr/share/dict/words</c>), sorted by hand into brands (here) and icon words the dictionary lacks ("harddisk",
/// "cdrom", "usb", "bluetooth", "goto", "checkbox"), which stay.
/// </remarks>
public static class IconNameBrands
{
    /// <summary>The names, lower case, as they stand before the first '-' or '_' of an icon name.</summary>
    public static readonly IReadOnlySet<string> FirstWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "akonadi", "amarok", "anatine", "antergos", "apport", "aptdaemon", "archlinux", "blueman", "bonobo", "bqm", "btsync",
        "clementine", "clipit", "covergloobus", "crunchbang", "dcpp", "deadbeef", "debian", "deepin", "deja", "distributor",
        "dropbox", "dropboxstatus", "edubuntu", "eog", "eom", "epiphany", "exaile", "fcitx", "foomatic", "franz", "frugalware",
        "geany", "gentoo", "gitter", "glipper", "glippy", "gnumeric", "goldendict", "google", "gpk", "gpm", "grive", "gtg",
        "gtkpod", "guake", "gvc", "haguichi", "hexchat", "hipchat", "ibus", "insync", "itmages", "jdownloader", "kalarm",
        "kdenlive", "keepassx", "kfind", "kfm", "kjobviewer", "kmix", "kmixdocked", "kmousetool", "kmouth", "knemo",
        "knetattach", "knotes", "korg", "korora", "krb", "kstars", "kt", "ktnef", "kubuntu", "kupfer", "kxkb", "labplot",
        "lastfm", "lpi", "lubuntu", "mageia", "mandriva", "manjaro", "mintupdate", "mintwelcome", "ndisgtk", "nemo",
        "netstatus", "nm", "notifyd", "novell", "nylas", "opensuse", "pamac", "pidgin", "pino", "poedit", "polly",
        "protonmail", "psensor", "rabbitvcs", "radiotray", "rambox", "remmina", "rhythmbox", "sflphone", "shotwell", "skg",
        "skrooge", "skype", "slackware", "solus", "steam", "steamos", "teamviewer", "telegram", "ubuntu", "ubuntuone",
        "umbr", "umbrello", "vmware", "whatsie", "wiimotedev", "wiznote", "xarchiver", "xchat", "xfburn", "xfpm", "xfsm",
        "yast", "zim",
    };

    /// <summary>True when the name (toolkit prefix aside) starts with one of <see cref="FirstWords"/>.</summary>
    public static bool StartsWithBrand(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string first = FreedesktopIconNames.WithoutToolkit(name).Split('-', '_')[0];
        return FirstWords.Contains(first);
    }
}
