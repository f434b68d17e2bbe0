namespace Itm.Data.Recipes;

/// <summary>
/// Bootstrap Icons (<c>bootstrap-icons</c>): every drawing is <c>icons/&lt;name&gt;.svg</c>. The package ships no tags
/// (<c>font/bootstrap-icons.json</c> holds only code points), so the name is the only caption.
/// </summary>
public sealed class BootstrapIconSet : IIconSet
{
    public string Key => "bootstrap";

    public string Package => "bootstrap-icons";

    public string Version => "1.13.2";

    public string Licence => "MIT";

    public IReadOnlyList<IconEntry> Read(string packageDir)
    {
        string icons = Path.Combine(packageDir, "icons");
        if (!Directory.Exists(icons))
            throw new DirectoryNotFoundException($"The icon folder '{icons}' does not exist.");
        return Directory.EnumerateFiles(icons, "*.svg")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Order(StringComparer.Ordinal)
            .Select(name => new IconEntry($"icons/{name}.svg", name, [], []))
            .ToList();
    }
}
