namespace Itm.Data.Recipes;

/// <summary>
/// Reads a freedesktop <c>index.theme</c>: the folders the theme lists under <c>Directories</c> and
/// <c>ScaledDirectories</c>, each with the <c>Context</c>, <c>Size</c>, <c>Scale</c> and <c>Type</c> of its own section.
/// Only those folders are part of the theme: a desktop never looks anywhere else, and what lies beside them (Faenza's
/// <c>extras/</c>, build leftovers) is no icon of the theme.
/// </summary>
public static class IconThemeIndex
{
    private const string ThemeSection = "Icon Theme";

    /// <summary>
    /// The listed folders in the order listed, each once. A folder without a section of its own is listed with an empty
    /// context and size 0. Throws <see cref="InvalidDataException"/> naming the file when it has no
    /// <c>[Icon Theme]</c> section.
    /// </summary>
    public static IReadOnlyList<IconThemeDirectory> Read(string indexPath)
    {
        Dictionary<string, Dictionary<string, string>> sections = ReadSections(File.ReadLines(indexPath));
        if (!sections.TryGetValue(ThemeSection, out Dictionary<string, string>? theme))
            throw new InvalidDataException($"'{indexPath}' has no [{ThemeSection}] section; it is not an icon theme index.");

        var folders = new List<IconThemeDirectory>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string key in new[] { "Directories", "ScaledDirectories" })
        {
            foreach (string folder in List(theme.GetValueOrDefault(key)))
            {
                if (!seen.Add(folder))
                    continue;
                Dictionary<string, string> section = sections.GetValueOrDefault(folder) ?? new(StringComparer.Ordinal);
                bool scalable = string.Equals(section.GetValueOrDefault("Type"), "Scalable", StringComparison.OrdinalIgnoreCase);
                int size = Number(section, "Size", 0);
                if (scalable)
                    size = Math.Max(size, Number(section, "MaxSize", size));
                folders.Add(new IconThemeDirectory(
                    folder, section.GetValueOrDefault("Context")?.Trim() ?? "", size, Math.Max(1, Number(section, "Scale", 1)), scalable));
            }
        }

        return folders;
    }

    /// <summary>Sections by name, each a dictionary of its keys (localised keys such as <c>Name[de]</c> included as written).</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadSections(IEnumerable<string> lines)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                string name = line[1..^1].Trim();
                // A repeated section adds to the first: some themes list a folder's keys twice.
                if (!sections.TryGetValue(name, out current))
                    sections[name] = current = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            int equals = line.IndexOf('=');
            if (current is not null && equals > 0)
                current.TryAdd(line[..equals].Trim(), line[(equals + 1)..].Trim());
        }

        return sections;
    }

    /// <summary>A comma-separated list without empty items (lists often end in a comma).</summary>
    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.Trim('/'));

    private static int Number(Dictionary<string, string> section, string key, int fallback) =>
        int.TryParse(section.GetValueOrDefault(key), out int value) && value >= 0 ? value : fallback;
}
