using System.Diagnostics;
using Itm.Data.Images;
using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>What an icon-themes recipe run wrote.</summary>
/// <param name="DatasetPath">The Karpathy JSON written (<c>OUT/dataset.json</c>).</param>
public sealed record IconThemesResult(CaptionDataset Dataset, IconThemesReport Report, string DatasetPath);

/// <summary>
/// Builds an image–text dataset of coloured drawings from installed freedesktop icon themes (<see cref="IconThemes"/>),
/// captioned with their names: per theme, skip it when not installed (reported, with the apt-get line) → list its drawings
/// (<see cref="IconThemeScanner"/>: one per real file, every name linking to it an alias) → read and render each once
/// (broken, blank and monochrome drawings are counted and skipped; <see cref="ThemeDrawingReader"/>, <see cref="IconColour"/>)
/// → caption it (<see cref="IconCaptioner"/>: the name, a tag sentence of the thing and the context, the aliases; none
/// usable: counted, skipped) → merge a drawing identical to an earlier one of the theme or of an earlier theme, captions
/// united. Then drawings sharing a name family (their own names in any theme; not aliases) are grouped and split group-wise with a seed
/// (<see cref="NearDuplicateGrouper.GroupByKeys"/>, <see cref="SplitAssigner"/>), the files copied to
/// <c>OUT/images/&lt;theme&gt;/&lt;context&gt;/&lt;name&gt;.&lt;ext&gt;</c>, and <c>OUT/dataset.json</c> and
/// <c>OUT/recipe-report.json</c> written.
/// </summary>
public sealed class IconThemesRecipe
{
    /// <summary>The dataset name written to dataset.json, and the recipe's name in the catalogue.</summary>
    public const string DatasetName = "icon-themes";

    /// <summary>Where Debian installs icon themes.</summary>
    public const string DefaultIconsRoot = "/usr/share/icons";

    private const string Blank = "blank";
    private const string Monochrome = "monochrome";
    private const string NoCaption = "noCaption";
    private const string Duplicate = "duplicateDrawing";

    // How many skipped drawings per reason the report names.
    private const int ReportedExamples = 12;

    private readonly IconThemesOptions _options;
    private readonly IProgress<string>? _log;

    public IconThemesRecipe(IconThemesOptions options, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
    }

    /// <summary>
    /// The captions' source for one drawing: its name without a toolkit prefix as the name, its other names as aliases,
    /// and as tags the drawn thing ("input-keyboard" → "keyboard"; the name's words when no group word leads) and the
    /// context ("devices"), so the tag sentence reads "keyboard, devices". Where the context is only a theme's filing
    /// ("legacy"), the tag sentence is the thing alone, and there is none when that is the name itself.
    /// </summary>
    internal static IconEntry EntryOf(ThemeDrawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        string name = FreedesktopIconNames.WithoutToolkit(drawing.Names[0]);
        string? thing = FreedesktopIconNames.Thing(drawing.Names[0]);
        string? tag = IconContexts.TagOf(drawing.Context);
        List<string> tags = tag is null
            ? (thing is null ? [] : [thing])
            : [thing ?? IconCaptioner.Words(name), tag];
        List<string> aliases = drawing.Names.Skip(1).Select(FreedesktopIconNames.WithoutToolkit).ToList();
        return new IconEntry(drawing.RelativePath, name, aliases, tags);
    }

    private static string IndexFile(string root, IconTheme theme) => Path.Combine(root, theme.Folder, "index.theme");

    public IconThemesResult Run()
    {
        var clock = Stopwatch.StartNew();
        _options.Validate();
        string outDir = Path.GetFullPath(_options.OutDir);
        string root = Path.GetFullPath(_options.IconsRoot);
        IReadOnlyList<IconTheme> themes = _options.Themes ?? IconThemes.All;
        if (!Directory.Exists(root) && root != DefaultIconsRoot)
            throw new DirectoryNotFoundException($"The icon themes folder '{root}' does not exist.");

        // As root, the themes Debian has but this machine lacks are installed first: a base model built without them
        // is a different model from the one shipped.
        if (root == DefaultIconsRoot)
            DebianPackage.InstallMissingAsRoot(themes.Select(t => (t.Package, IndexFile(root, t))).ToList(), _log);
        List<IconTheme> missing = themes.Where(t => !File.Exists(IndexFile(root, t))).ToList();
        if (missing.Count == themes.Count)
        {
            throw new InvalidOperationException(
                $"None of the icon themes ({string.Join(", ", themes.Select(t => t.Folder))}) is installed under '{root}'. "
                + $"Install them with: {IconThemes.InstallCommand(themes)}");
        }

        if (missing.Count > 0)
            _log?.Report($"Not installed, skipped: {string.Join(", ", missing.Select(t => t.Folder))}. To add them: {IconThemes.InstallCommand(missing)}");
        RecipeSource.RefuseNested(root, outDir, "the icon themes folder");

        var captioner = new IconCaptioner(new CaptionCleaner());
        var loader = new ImageLoader(new ImageLoadOptions { TargetSize = _options.RenderSize, Fit = ImageFit.Contain });
        var drawings = new List<Drawing>();
        var byFingerprint = new Dictionary<string, Drawing>(StringComparer.Ordinal);
        var reports = new List<IconThemeReport>();
        foreach (IconTheme theme in themes)
        {
            reports.Add(missing.Contains(theme)
                ? new IconThemeReport(theme.Folder, theme.Package, null, theme.Licence, false, 0, new Dictionary<string, int>(), 0, 0, 0, 0,
                    new Dictionary<string, int>(), 0, 0, new Dictionary<string, IReadOnlyList<string>>())
                : ReadTheme(theme, Path.Combine(root, theme.Folder), captioner, loader, drawings, byFingerprint));
        }

        int overLimit = CaptionLimit.Apply(drawings.Select(x => x.Captions), _options.MaxCaptionsPerImage);

        // One key per name family of a drawing's own names (its name, and those of identical drawings merged into it): a
        // name's drawings, in any theme, land in one split. Aliases are left out on purpose: themes alias loosely ("stop",
        // "cancel", "exit" lead to many different drawings), and chained through them a quarter of all drawings became one group.
        IReadOnlyList<IReadOnlyList<int>> groups = NearDuplicateGrouper.GroupByKeys(
            drawings.Select(d => (IReadOnlyList<string>)d.Names.Select(n => IconCaptioner.FamilyOf(FreedesktopIconNames.WithoutToolkit(n))).Distinct(StringComparer.Ordinal).ToList()).ToList());
        Split[] splits = SplitAssigner.ForFractions(drawings.Count, _options.ValFraction, _options.TestFraction, _options.Seed)
            .Assign(groups, drawings.Count);

        string imagesDir = Path.Combine(outDir, "images");
        _log?.Report($"Copying {drawings.Count} drawings into {imagesDir}");
        CaptionDataset dataset = RecipeImages.CopyAndBuild(
            DatasetName, drawings.Select(d => new RecipeImage(d.RelativePath, d.SourcePath, d.Captions)).ToList(), splits, imagesDir, "*");
        string datasetPath = Path.Combine(outDir, "dataset.json");
        KarpathyJson.Write(dataset, datasetPath);

        var report = new IconThemesReport(
            Dataset: DatasetName,
            IconsRoot: root,
            Themes: reports,
            MissingThemes: missing.Select(t => t.Folder).ToList(),
            InstallMissing: missing.Count == 0 ? null : IconThemes.InstallCommand(missing),
            MergedAcrossThemes: reports.Sum(r => r.MergedIntoOtherThemes),
            ImagesKept: dataset.Images.Count,
            SvgImages: drawings.Count(d => !d.RelativePath.EndsWith(".png", StringComparison.Ordinal)),
            PngImages: drawings.Count(d => d.RelativePath.EndsWith(".png", StringComparison.Ordinal)),
            Sentences: dataset.SentenceCount,
            SentencesByKind: Enum.GetValues<CaptionKind>().ToDictionary(k => k, k => drawings.Sum(d => d.Captions.Count(c => c.Kind == k))),
            CaptionsPerImage: RecipeImages.CaptionsPerImage(dataset),
            CaptionsOverLimit: overLimit,
            Groups: groups.Count,
            GroupsWithVariants: groups.Count(g => g.Count > 1),
            LargestGroup: groups.Count == 0 ? 0 : groups.Max(g => g.Count),
            Train: splits.Count(s => s == Split.Train),
            Val: splits.Count(s => s == Split.Val),
            Test: splits.Count(s => s == Split.Test),
            Cleaning: captioner.Counts,
            Seconds: Math.Round(clock.Elapsed.TotalSeconds, 1));
        RecipeJson.Write(Path.Combine(outDir, "recipe-report.json"), report);
        _log?.Report($"Kept {report.ImagesKept} drawings ({report.Train} train, {report.Val} val, {report.Test} test), "
            + $"{report.Sentences} sentences, in {report.Seconds} s; see {Path.Combine(outDir, "recipe-report.json")}");
        return new IconThemesResult(dataset, report, datasetPath);
    }

    /// <summary>Scans, reads and captions one installed theme, adding its new drawings to <paramref name="drawings"/>.</summary>
    private IconThemeReport ReadTheme(
        IconTheme theme, string themeDir, IconCaptioner captioner, ImageLoader loader, List<Drawing> drawings, Dictionary<string, Drawing> byFingerprint)
    {
        ThemeScan scan = IconThemeScanner.Scan(themeDir, theme);
        _log?.Report($"{theme.Folder}: {scan.FilesListed} files listed, {scan.Drawings.Count} drawings to read");
        var checks = new ThemeDrawingCheck[scan.Drawings.Count];
        Parallel.For(0, checks.Length, i => checks[i] = ThemeDrawingReader.Read(scan.Drawings[i].SourcePath, loader));

        var skipped = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, Drawing>(StringComparer.Ordinal);
        int kept = 0, merged = 0;
        for (int i = 0; i < checks.Length; i++)
        {
            ThemeDrawing found = scan.Drawings[i];
            ThemeDrawingCheck check = checks[i];
            string? reason = check.Failure
                ?? (check.Colour.DrawnShare < _options.MinDrawnShare ? Blank : null)
                ?? (check.Colour.IsMonochrome(_options.MinColouredShare, _options.MinFlatShare) ? Monochrome : null);
            List<CaptionCandidate> captions = reason is null ? captioner.Captions(EntryOf(found)) : [];
            if (reason is null && captions.Count == 0)
                reason = NoCaption;
            if (reason is null && seen.TryGetValue(check.Fingerprint!, out Drawing? original))
            {
                // Themes copy a drawing under a second name instead of linking it: one image, both names.
                reason = Duplicate;
                original.Unite(found.Names[0], captions);
            }

            if (reason is not null)
            {
                (skipped.TryGetValue(reason, out List<string>? list) ? list : skipped[reason] = []).Add(found.RelativePath);
                continue;
            }

            kept++;
            if (byFingerprint.TryGetValue(check.Fingerprint!, out Drawing? earlier))
            {
                merged++;
                earlier.Unite(found.Names[0], captions);
                seen[check.Fingerprint!] = earlier;
                continue;
            }

            var drawing = new Drawing($"{theme.Folder}/{found.RelativePath}", found.SourcePath, [found.Names[0]], captions);
            byFingerprint[check.Fingerprint!] = drawing;
            seen[check.Fingerprint!] = drawing;
            drawings.Add(drawing);
        }

        return new IconThemeReport(
            theme.Folder, theme.Package, DpkgQuery.InstalledVersion(theme.Package), theme.Licence, true,
            scan.FilesListed, scan.Skipped, scan.OtherSizes, scan.Names, scan.AliasNames, scan.Drawings.Count,
            skipped.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal), kept, merged,
            skipped.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Take(ReportedExamples).ToList(), StringComparer.Ordinal));
    }

    /// <summary>A kept drawing: where it goes, where it comes from, its own names (its first name, then those of identical
    /// drawings merged into it; aliases are only captions), and its captions.</summary>
    private sealed record Drawing(string RelativePath, string SourcePath, List<string> Names, List<CaptionCandidate> Captions)
    {
        /// <summary>Adds the name and captions of an identical drawing, each distinct one once.</summary>
        public void Unite(string name, IEnumerable<CaptionCandidate> captions)
        {
            if (!Names.Contains(name, StringComparer.Ordinal))
                Names.Add(name);
            foreach (CaptionCandidate caption in captions)
                IconCaptioner.Add(Captions, caption.Kind, caption.Text);
        }
    }
}
