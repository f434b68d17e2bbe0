namespace Itm.Data.Recipes;

/// <summary>What the <c>icon-themes</c> recipe does with the icons of one context of a theme.</summary>
public enum IconContextRule
{
    /// <summary>Every icon of the context is a drawing of a thing or a sign: places, devices, actions, status, emblems.</summary>
    Keep,

    /// <summary>Only names of the Icon Naming Specification ("accessories-calculator", "applications-games"); the rest are
    /// application logos named after their brand (<see cref="FreedesktopIconNames.IsSpecApplicationName"/>).</summary>
    SpecNamesOnly,

    /// <summary>None: file-type badges (mimetypes), spinner frame strips (animations), faces (emotes: emoji are held out for
    /// evaluation), widget parts (ui), flags named by country code (international), and any context not listed.</summary>
    Skip,
}

/// <summary>The freedesktop icon contexts as the recipe reads them: one spelling each, a rule, and a tag word for captions.</summary>
public static class IconContexts
{
    private static readonly Dictionary<string, IconContextRule> Rules = new(StringComparer.Ordinal)
    {
        ["actions"] = IconContextRule.Keep,
        ["devices"] = IconContextRule.Keep,
        ["emblems"] = IconContextRule.Keep,
        ["places"] = IconContextRule.Keep,
        ["status"] = IconContextRule.Keep,
        // Adwaita keeps its full-colour drawings of every context in one "Legacy" context; Faenza has a few GTK "Stock" ones.
        ["legacy"] = IconContextRule.Keep,
        ["stock"] = IconContextRule.Keep,
        ["applications"] = IconContextRule.SpecNamesOnly,
        ["categories"] = IconContextRule.SpecNamesOnly,
    };

    // Theme folders whose icons are drawn for somewhere other than a page (the context they declare is "Status"):
    // panel tray glyphs and on-screen notification glyphs, white or grey for dark backgrounds.
    private static readonly HashSet<string> OffPageFolders = new(StringComparer.Ordinal) { "panel", "notifications" };

    /// <summary>The context in lower case, one spelling for the two some themes use ("Apps" → "applications", "mimes" → "mimetypes",
    /// and the old spec's "FileSystems" → "places", which older GNOME themes such as gartoon and Nuovo still use).</summary>
    public static string Normalise(string context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string lower = context.Trim().ToLowerInvariant();
        return lower switch
        {
            "apps" => "applications",
            "mimes" => "mimetypes",
            "filesystems" => "places",
            _ => lower,
        };
    }

    /// <summary>The rule for a <see cref="Normalise">normalised</see> context; <see cref="IconContextRule.Skip"/> for any not listed.</summary>
    public static IconContextRule RuleOf(string context) => Rules.GetValueOrDefault(Normalise(context), IconContextRule.Skip);

    /// <summary>The word a caption tags the icon with ("devices"), or null where the context is a theme's own filing ("legacy", "stock").</summary>
    public static string? TagOf(string context)
    {
        string normalised = Normalise(context);
        return normalised is "legacy" or "stock" or "" ? null : normalised;
    }

    /// <summary>
    /// Why a whole theme folder is skipped whatever its context says: "symbolic" for the monochrome variants
    /// ("symbolic/places", "places/symbolic"), "panel" and "notifications" for glyphs drawn for dark bars; null otherwise.
    /// </summary>
    public static string? FolderSkipReason(string relativeFolder)
    {
        ArgumentNullException.ThrowIfNull(relativeFolder);
        foreach (string part in relativeFolder.Split('/'))
        {
            if (part.Equals("symbolic", StringComparison.OrdinalIgnoreCase))
                return "symbolic";
            if (OffPageFolders.Contains(part.ToLowerInvariant()))
                return part.ToLowerInvariant();
        }

        return null;
    }
}
