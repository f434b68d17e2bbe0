namespace Itm.Data.Recipes;

/// <summary>
/// The flags of countries and of a few of their regions (Iconify's <c>flag</c> set: lipis' flag-icons, MIT), named by
/// their ISO 3166 code ("gb-4x3", "gb-sct-4x3"), captioned with the English name of that code from Debian's iso-codes
/// (<see cref="CountryNames"/>), the official name when it differs, and "flag". Only the 4:3 drawings are read: the
/// set's square ones are the same flags cropped.
/// </summary>
/// <remarks>
/// Every correct drawing of a flag looks like every other, so a flag in a held-out benchmark (OpenClipart has 99 among
/// its 1,000 test drawings) is known from this set by design, not by a copy: docs/base-model.md gives the benchmark
/// figures with and without its flags.
/// </remarks>
public sealed class CountryFlags : IIconSet
{
    private const string Shape = "-4x3";

    // Flag codes that are not ISO 3166 codes.
    private static readonly IReadOnlyDictionary<string, string> OtherNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["eu"] = "European Union",
        ["un"] = "United Nations",
        ["xk"] = "Kosovo",
        ["arab"] = "Arab League",
        ["asean"] = "ASEAN",
        ["cefta"] = "Central European Free Trade Agreement",
        ["eac"] = "East African Community",
        ["pc"] = "Pacific Community",
    };

    private readonly IconifyIconSet _flags = new("flag", "1.2.12", "MIT", useAliases: false, useCategories: false);
    private readonly string _namesDir;

    /// <param name="namesDir">The iso-codes JSON folder (<see cref="CountryNames.DefaultDir"/>).</param>
    public CountryFlags(string namesDir = CountryNames.DefaultDir)
    {
        _namesDir = namesDir;
    }

    public string Key => _flags.Key;

    public string Package => _flags.Package;

    public string Version => _flags.Version;

    public string Licence => _flags.Licence;

    public IReadOnlyList<IconEntry> Read(string packageDir)
    {
        CountryNames names = CountryNames.Read(_namesDir);
        // Ordered by the names the flags now have, as IIconSet.Read promises: of two identical flags ("United States" and
        // "United States Minor Outlying Islands") the first by name is the one kept and the other's names join it.
        return _flags.Read(packageDir).Select(entry => Caption(entry, names))
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.RelativePath, StringComparer.Ordinal).ToList();
    }

    private static IconEntry Caption(IconEntry entry, CountryNames names)
    {
        if (entry.ExcludedBecause is not null)
            return entry;
        string name = Path.GetFileNameWithoutExtension(entry.RelativePath);
        if (!name.EndsWith(Shape, StringComparison.Ordinal))
            return entry with { ExcludedBecause = "square crop" };
        string code = name[..^Shape.Length];
        (string Name, string? Official)? found = OtherNames.TryGetValue(code, out string? other) ? (other, null) : names.Find(code);
        if (found is not { } country)
            return entry with { ExcludedBecause = "no name for the code" };
        return entry with { Name = country.Name, Aliases = country.Official is null ? [] : [country.Official], Tags = ["flag"], Family = code };
    }
}
