namespace Itm.Data.Recipes;

/// <summary>
/// What a freedesktop icon name says. Names run from general to particular, words joined by '-' ("input-keyboard",
/// "weather-showers-scattered", "preferences-desktop-font"); toolkits added their own prefixed copies of them ("gtk-print",
/// "gnome-dev-floppy", "stock_print"); applications are named by their brand ("firefox") or id ("org.gnome.Calculator").
/// </summary>
public static class FreedesktopIconNames
{
    /// <summary>
    /// First words of the names the Icon Naming Specification gives application and category icons
    /// ("accessories-calculator", "applications-games", "preferences-desktop-keyboard", "utilities-terminal"): an
    /// application icon named so draws what the application is about; any other application name is a brand.
    /// </summary>
    public static readonly IReadOnlySet<string> ApplicationNamespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "accessories", "applications", "preferences", "utilities", "system", "help", "internet", "multimedia", "office",
        "graphics", "development", "education", "science",
    };

    /// <summary>
    /// Leading words that say which group of the naming scheme a name belongs to rather than what is drawn:
    /// <see cref="Thing"/> drops them ("input-keyboard" → "keyboard", "drive-harddisk" → "harddisk").
    /// </summary>
    public static readonly IReadOnlySet<string> GroupWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "accessories", "applications", "preferences", "utilities", "system", "input", "drive", "media", "internet", "office",
        "multimedia",
    };

    // Prefixes of the toolkits' own copies of the standard names, longest first: they name the toolkit, not the picture.
    private static readonly string[] ToolkitPrefixes =
    [
        "gnome-stock-", "gnome-mime-", "gnome-dev-", "gnome-fs-", "gnome-", "gtk-", "stock_", "stock-", "kde-", "xfce4-", "xfce-", "mate-",
    ];

    /// <summary>
    /// True for the monochrome variants a theme draws for panels and high contrast: the spec marks them with the suffix
    /// "-symbolic" (some themes add a further suffix: "-symbolic-rtl", "-symbolic.symbolic").
    /// </summary>
    public static bool IsSymbolic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains("-symbolic", StringComparison.Ordinal) || name.EndsWith("symbolic", StringComparison.Ordinal);
    }

    /// <summary>
    /// True for an application id rather than a name: reverse-DNS ("org.gnome.Calculator") or brand-cased
    /// ("AdobeReader8"); the spec's names are lower case and have no dots.
    /// </summary>
    public static bool IsApplicationId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains('.', StringComparison.Ordinal) || name.Any(char.IsUpper);
    }

    /// <summary>
    /// True for a MIME type's icon filed in another context (Adwaita's "Legacy" holds all kinds): "application-x-executable",
    /// "inode-directory", "x-office-document". They draw a sheet of paper with a badge, named by the file type.
    /// </summary>
    public static bool IsMimeTypeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains("-x-", StringComparison.Ordinal)
            || name.StartsWith("inode-", StringComparison.Ordinal)
            || name.StartsWith("x-office-", StringComparison.Ordinal);
    }

    /// <summary>True for a face of the emotes context filed in another ("face-smile", "face-wink"): emoji are held out for evaluation.</summary>
    public static bool IsEmoteName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("face-", StringComparison.Ordinal);
    }

    /// <summary>True when the name starts with one of <see cref="ApplicationNamespaces"/> ("accessories-calculator").</summary>
    public static bool IsSpecApplicationName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string first = name.Split('-', '_')[0];
        return ApplicationNamespaces.Contains(first);
    }

    /// <summary>
    /// The name without a toolkit's prefix ("gnome-dev-floppy" → "floppy", "gtk-print" → "print", "stock_print" →
    /// "print"); the name itself when nothing would be left.
    /// </summary>
    public static string WithoutToolkit(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (string prefix in ToolkitPrefixes)
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal))
                return name[prefix.Length..];
        }

        return name;
    }

    /// <summary>
    /// The words that name the drawn thing: the name without toolkit prefix and without leading <see cref="GroupWords"/>,
    /// in words ("input-keyboard" → "keyboard", "preferences-desktop-font" → "desktop font"); null when no group word leads
    /// ("weather-showers-scattered") or the name is nothing else ("system").
    /// </summary>
    public static string? Thing(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string[] words = WithoutToolkit(name).Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        int start = 0;
        while (start < words.Length - 1 && GroupWords.Contains(words[start]))
            start++;
        return start == 0 ? null : string.Join(' ', words[start..]);
    }
}
