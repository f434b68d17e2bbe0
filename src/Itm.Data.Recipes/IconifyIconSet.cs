using System.Text;
using System.Text.RegularExpressions;
using Itm.Data.IO;

namespace Itm.Data.Recipes;

/// <summary>
/// One icon set of the Iconify collection, from its <c>@iconify-json/&lt;prefix&gt;</c> npm package
/// (<see cref="IconifyPackageFiles"/>), or, for a set published only inside the whole collection, from
/// <c>json/&lt;prefix&gt;.json</c> of the <c>@iconify/json</c> package; pinned to a version and an SPDX licence. The
/// package holds no SVG files, only each icon's markup and box: <see cref="Read"/> writes every drawing once to
/// <c>itm-svg/&lt;name&gt;.svg</c> inside the package folder (<c>itm-svg/&lt;prefix&gt;/&lt;name&gt;.svg</c> in the
/// collection's, which many sets share; <see cref="IconifySvg"/>; reused when already there and identical) and lists those files.
/// Captions come from the name (with the set's own style jargon taken out, see <see cref="CaptionName"/>), its plain
/// aliases and the categories it is in.
/// </summary>
/// <remarks>
/// Emoji are held out for evaluation and never become training data: a prefix of <see cref="EmojiPrefixes"/> is refused
/// when the set is made, a package whose own category says "Emoji" when it is read, and inside a set every icon in an
/// emoji category or named "emoji" is excluded. Icons that name a brand (in a "Brand" or "Logos" category, or named
/// "logo") are excluded too: their names are trademarks, not things. Hidden icons (old names kept for compatibility,
/// usually drawn again under the current name) are excluded and counted.
/// </remarks>
public sealed partial class IconifyIconSet : IIconSet
{
    /// <summary>The folder inside the package that receives the SVG files made from <c>icons.json</c>.</summary>
    public const string SvgFolder = "itm-svg";

    /// <summary>The exclusion reasons <see cref="Read"/> gives (<see cref="IconEntry.ExcludedBecause"/>).</summary>
    public const string Hidden = "hidden", Emoji = "emoji", Brand = "brand", Transformed = "transformed";

    /// <summary>
    /// The Iconify emoji sets, by prefix. Refused by name, before anything is fetched; a set missing here is still
    /// refused at read time by its category.
    /// </summary>
    public static readonly IReadOnlySet<string> EmojiPrefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "emojione", "emojione-monotone", "emojione-v1", "fluent-emoji", "fluent-emoji-flat", "fluent-emoji-high-contrast",
        "fxemoji", "noto", "noto-v1", "openmoji", "twemoji", "streamline-emojis",
    };

    /// <summary>The licences a set may have: free to use, modify and redistribute, at most with attribution or share-alike.</summary>
    public static readonly IReadOnlySet<string> AllowedLicences = new HashSet<string>(StringComparer.Ordinal)
    {
        "MIT", "Apache-2.0", "ISC", "CC0-1.0", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-4.0", "OFL-1.1", "BSD-2-Clause", "BSD-3-Clause", "Unlicense",
    };

    /// <summary>
    /// Style words kept in a caption when a set's style suffix is made of them: they say how the drawing looks, and the
    /// five npm sets of the <c>icons</c> recipe caption their variants with them too ("heart filled", "acorn bold").
    /// Other suffix words are the set's own jargon and go: solar's "linear" and "broken" (a gapped stroke, not a
    /// broken thing), streamline's "remix", healthicons' "24px", fluent-color's grid sizes.
    /// </summary>
    public static readonly IReadOnlySet<string> DescriptiveStyleWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "bold", "duotone", "outline", "outlined", "fill", "filled", "solid", "line", "thin", "light", "regular", "sharp", "twotone",
    };

    /// <summary>
    /// Category names that say nothing about what is drawn: catch-alls ("Others", streamline's "Interface Essential") and
    /// solar's "IT", which a tokenizer lower-cases into the pronoun "it". Compared ignoring case, after <see cref="CategoryWords"/>.
    /// </summary>
    public static readonly IReadOnlySet<string> CatchAllCategories = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Other", "Others", "Misc", "Miscellaneous", "General", "Base", "Abstract", "Components", "UI", "Interface Essential", "IT",
    };

    /// <summary>The npm package of the whole Iconify collection, which holds every set as <c>json/&lt;prefix&gt;.json</c>.</summary>
    public const string CollectionPackage = "@iconify/json";

    private readonly bool _useAliases;
    private readonly bool _useCategories;
    private readonly bool _heldOut;
    private readonly bool _inCollection;
    private readonly IReadOnlySet<string> _emojiNames;

    /// <param name="prefix">The Iconify prefix ("game-icons"): the set's key and the package's name after "@iconify-json/".</param>
    /// <param name="version">The pinned npm version.</param>
    /// <param name="licence">The SPDX id the package must declare (one of <see cref="AllowedLicences"/>).</param>
    /// <param name="useAliases">False for a set whose aliases are not other names of the drawing (weather-API codes, old
    /// keyword-list file names): they are then not captions.</param>
    /// <param name="useCategories">False for a set whose categories are product areas rather than subjects (Carbon files a
    /// sun under "Planning" and a tennis ball under "Enterprise"): they are then not tags.</param>
    /// <param name="heldOut">True for a held-out evaluation set (<see cref="EmojiSets"/>): an emoji set is then read, emoji
    /// included, instead of refused. Such a set belongs to the <c>emoji</c> benchmark only, never to a training recipe.</param>
    /// <param name="inCollection">True for a set npm has no package of its own for: it is read from <see cref="CollectionPackage"/>,
    /// and <paramref name="version"/> is that package's.</param>
    /// <param name="emojiNames">Icon names that draw what emoji draw (a face's expression: "smile", "wink") in a set
    /// that is not an emoji set: excluded as <see cref="Emoji"/>.</param>
    public IconifyIconSet(string prefix, string version, string licence, bool useAliases = true, bool useCategories = true, bool heldOut = false,
        bool inCollection = false, IReadOnlySet<string>? emojiNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(licence);
        if (!ValidName().IsMatch(prefix))
            throw new ArgumentException($"'{prefix}' is not an Iconify prefix (lower-case words joined by '-').", nameof(prefix));
        if (EmojiPrefixes.Contains(prefix) && !heldOut)
            throw new ArgumentException($"The Iconify set '{prefix}' is an emoji set: emoji are held out for evaluation and never used for training.", nameof(prefix));
        if (!AllowedLicences.Contains(licence))
            throw new ArgumentException($"The licence '{licence}' of the Iconify set '{prefix}' is not one itm builds datasets from ({string.Join(", ", AllowedLicences)}).", nameof(licence));
        Key = prefix;
        Version = version;
        Licence = licence;
        _useAliases = useAliases;
        _useCategories = useCategories;
        _heldOut = heldOut;
        _inCollection = inCollection;
        _emojiNames = emojiNames ?? new HashSet<string>();
    }

    public string Key { get; }

    public string Package => _inCollection ? CollectionPackage : $"@iconify-json/{Key}";

    public string Version { get; }

    public string Licence { get; }

    /// <summary>True for a held-out evaluation set, whose emoji are read rather than refused (see the constructor).</summary>
    public bool IsHeldOut => _heldOut;

    public IReadOnlyList<IconEntry> Read(string packageDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageDir);
        IconifyPackageFiles package = IconifyPackageFiles.Read(packageDir, _inCollection ? Path.Combine(packageDir, "json", $"{Key}.json") : null);
        if (package.Category.Contains("emoji", StringComparison.OrdinalIgnoreCase) && !_heldOut)
            throw new InvalidDataException(
                $"The Iconify set '{Key}' is an emoji set (category '{package.Category}' in '{package.InfoFile}'): emoji are held out for evaluation and never used for training.");
        if (_inCollection && package.Prefix != Key)
            throw new InvalidDataException($"The Iconify file '{package.IconsFile}' holds the set '{package.Prefix}', not '{Key}'.");
        if (package.LicenceSpdx != Licence)
            throw new InvalidDataException(
                $"The Iconify set '{Key}' is pinned to the licence '{Licence}', but '{package.InfoFile}' gives '{package.LicenceSpdx}'.");

        Dictionary<string, List<string>> categoriesOf = CategoriesByIcon(package);
        Dictionary<string, IReadOnlyList<string>> aliasesOf = _useAliases ? AliasesByIcon(package) : [];
        // The collection's folder is shared by its sets, and their names overlap ("teapot" in every withicons style).
        string svgFolder = _inCollection ? $"{SvgFolder}/{Key}" : SvgFolder;
        string svgDir = Path.Combine(packageDir, svgFolder);
        Directory.CreateDirectory(svgDir);
        var entries = new List<IconEntry>(package.Icons.Count);
        foreach ((string name, IconifyIcon icon) in package.Icons.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            // The name becomes a file name: anything but Iconify's own name syntax could climb out of the folder.
            if (!ValidName().IsMatch(name))
                throw new InvalidDataException($"The Iconify file '{package.IconsFile}' has an icon named '{name}', which is not an Iconify name.");
            IReadOnlyList<string> iconCategories = categoriesOf.TryGetValue(name, out List<string>? found) ? found : [];
            string relativePath = $"{svgFolder}/{name}.svg";
            string? excluded = _emojiNames.Contains(name) && !_heldOut ? Emoji : ExclusionOf(name, icon, iconCategories, _heldOut);
            if (excluded is null)
                AtomicFile.WriteIfChanged(Path.Combine(svgDir, $"{name}.svg"), Encoding.UTF8.GetBytes(IconifySvg.Document(icon)));

            (string captionName, string family) = CaptionName(name, package.StyleSuffixes);
            entries.Add(new IconEntry(
                relativePath,
                captionName,
                aliasesOf.GetValueOrDefault(name) ?? [],
                // The emoji and brand exclusions above read the categories whether or not they become tags.
                _useCategories ? iconCategories.Select(CategoryWords).Where(c => !CatchAllCategories.Contains(c)).ToList() : [],
                family,
                excluded));
        }

        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.RelativePath, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, List<string>> CategoriesByIcon(IconifyPackageFiles package)
    {
        var categoriesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach ((string category, IReadOnlyList<string> names) in package.Categories.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (string name in names)
                (categoriesOf.TryGetValue(name, out List<string>? list) ? list : categoriesOf[name] = []).Add(category);
        }

        return categoriesOf;
    }

    /// <summary>The plain aliases of each icon, in name order.</summary>
    /// <remarks>
    /// healthicons keeps the file names of its old @2x exports as aliases ("ambulance2x-outline" of "ambulance"): they
    /// repeat the name with a resolution marker, sometimes naming another style, so they are left out.
    /// </remarks>
    private static Dictionary<string, IReadOnlyList<string>> AliasesByIcon(IconifyPackageFiles package) =>
        package.Aliases
            .Where(a => !ResolutionMarker().IsMatch(a.Key))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .GroupBy(a => a.Value, a => a.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.ToList(), StringComparer.Ordinal);

    /// <summary>
    /// The identifier a caption is made from, and the name family: a name ending in one of the set's style suffixes
    /// ("asteroid-bold-duotone", "allergies-outline-24px") keeps only the suffix's <see cref="DescriptiveStyleWords"/>
    /// ("asteroid-bold-duotone", "allergies-outline"; "asteroid-linear" → "asteroid"), and its family is that of the
    /// name without the suffix, so all styles of one drawing go to one split. A name whose stem has no word of its own
    /// ("0-outline", a digit) keeps only the stem, which is no caption: style words alone describe nothing.
    /// </summary>
    internal static (string CaptionName, string Family) CaptionName(string name, IReadOnlyList<string> styleSuffixes)
    {
        // Longest first: "asteroid-bold-duotone" is the bold-duotone style of asteroid, not the duotone style of asteroid-bold.
        string? suffix = styleSuffixes.FirstOrDefault(s => name.Length > s.Length + 1 && name.EndsWith($"-{s}", StringComparison.Ordinal));
        if (suffix is null)
            return (name, IconCaptioner.FamilyOf(name));
        string stem = name[..^(suffix.Length + 1)];
        if (IconCaptioner.NameSentence(stem) is null)
            return (stem, IconCaptioner.FamilyOf(stem));
        IEnumerable<string> kept = suffix.Split('-').Where(DescriptiveStyleWords.Contains);
        return (string.Join('-', kept.Prepend(stem)), IconCaptioner.FamilyOf(stem));
    }

    /// <summary>"ComputersDevicesElectronics" → "Computers Devices Electronics": some sets write their categories in PascalCase.</summary>
    internal static string CategoryWords(string category) => PascalBoundary().Replace(category, " ");

    private static string? ExclusionOf(string name, IconifyIcon icon, IReadOnlyList<string> categories, bool heldOut)
    {
        string[] words = name.Split('-');
        if (!heldOut && (categories.Any(c => c.Contains("emoji", StringComparison.OrdinalIgnoreCase)) || words.Contains("emoji")))
            return Emoji;
        if (categories.Any(c => c.Contains("brand", StringComparison.OrdinalIgnoreCase) || c.Contains("logo", StringComparison.OrdinalIgnoreCase))
            || words.Contains("logo"))
            return Brand;
        if (icon.Hidden)
            return Hidden;
        return icon.Transformed ? Transformed : null;
    }

    // Iconify's name syntax: lower-case letters and digits, in words joined by single hyphens.
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ValidName();

    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu})")]
    private static partial Regex PascalBoundary();

    [GeneratedRegex("2x(-|$)")]
    private static partial Regex ResolutionMarker();
}
