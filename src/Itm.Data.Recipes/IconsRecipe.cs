using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using Itm.Data.Images;
using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>What an icon recipe run wrote.</summary>
/// <param name="DatasetPath">The Karpathy JSON written (<c>OUT/dataset.json</c>).</param>
public sealed record IconsResult(CaptionDataset Dataset, IconsReport Report, string DatasetPath);

/// <summary>
/// Builds an image–text dataset from one or more icon sets (<see cref="IconSets"/>, <see cref="IconifySets"/>), with captions made only of each
/// icon's name, tags and aliases: per set, find the package (given folder, or fetched with npm; <see cref="NpmPackage"/>)
/// → list its icons (<see cref="IIconSet.Read"/>; those the set excludes are counted and skipped) → read each SVG and render it once (missing, broken and blank drawings
/// are counted and skipped) → caption it (<see cref="IconCaptioner"/>; none usable: counted, skipped) → skip a drawing
/// identical to an earlier one of the set (counted; its captions join that one's). Across sets, an icon drawn like one of an earlier set is merged into
/// it, captions united. Then icons are grouped by name family (<see cref="IconCaptioner.FamilyOf"/>, equal name
/// captions; <see cref="NearDuplicateGrouper"/>) and split group-wise with a seed (<see cref="SplitAssigner"/>), the
/// SVGs copied to <c>OUT/images/&lt;set&gt;/&lt;path in package&gt;</c>, and <c>OUT/dataset.json</c> and
/// <c>OUT/recipe-report.json</c> written.
/// </summary>
public sealed class IconsRecipe
{
    private const string Missing = "missingSvg";
    private const string Broken = "broken";
    private const string Blank = "drawsNothing";
    private const string NoCaption = "noCaption";
    private const string Duplicate = "duplicateDrawing";

    private readonly string _datasetName;
    private readonly IReadOnlyList<IIconSet> _sets;
    private readonly IconsOptions _options;
    private readonly IProgress<string>? _log;

    /// <summary>
    /// What a recipe over several sets does (<c>icons</c>, <c>iconify</c>, <c>emoji</c>): with
    /// <see cref="RecipeRequest.PackageDir"/>, every set is read from its folder there, named by its key; else fetched.
    /// Returns the path of the dataset written.
    /// </summary>
    internal static string Prepare(string datasetName, IReadOnlyList<IIconSet> sets, RecipeRequest request, IProgress<string>? log, IconSplit split = IconSplit.Families)
    {
        Dictionary<string, string>? packages = request.PackageDir is null
            ? null
            : sets.ToDictionary(set => set.Key, set => Path.Combine(request.PackageDir, set.Key));
        return new IconsRecipe(datasetName, sets, new IconsOptions(request.OutDir, packages, Seed: request.Seed, Split: split), log).Run().DatasetPath;
    }

    /// <param name="datasetName">The name written to dataset.json (the set's key, or "icons").</param>
    /// <param name="sets">The sets to read, in order: on identical drawings, the earlier set's file is kept.</param>
    public IconsRecipe(string datasetName, IReadOnlyList<IIconSet> sets, IconsOptions options, IProgress<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetName);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(options);
        if (sets.Count == 0)
            throw new ArgumentException("At least one icon set is needed.", nameof(sets));
        _datasetName = datasetName;
        _sets = sets;
        _options = options;
        _log = log;
    }

    public IconsResult Run()
    {
        var clock = Stopwatch.StartNew();
        _options.Validate();
        string outDir = Path.GetFullPath(_options.OutDir);
        var captioner = new IconCaptioner(new CaptionCleaner(maxKeywords: _options.MaxTags));

        var icons = new List<Icon>();
        var byFingerprint = new Dictionary<string, Icon>(StringComparer.Ordinal);
        var reports = new List<IconSetReport>();
        foreach (IIconSet set in _sets)
        {
            string packageDir = PackageDir(set, outDir);
            IReadOnlyList<IconEntry> entries = set.Read(packageDir);
            _log?.Report($"Reading {entries.Count} icons of {set.Package}@{set.Version} from {packageDir}");
            Drawing[] drawings = ReadAll(packageDir, entries);

            var skipped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var seen = new Dictionary<string, Icon>(StringComparer.Ordinal);
            int kept = 0, merged = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                IconEntry entry = entries[i];
                Drawing drawing = drawings[i];
                string? reason = drawing.Failure;
                List<CaptionCandidate> captions = reason is null ? captioner.Captions(entry) : [];
                if (reason is null && captions.Count == 0)
                    reason = NoCaption;
                if (reason is null && seen.TryGetValue(drawing.Fingerprint!, out Icon? original))
                {
                    // One drawing under two names (lucide ships its old names as copies): the copy goes, its names stay.
                    reason = Duplicate;
                    Unite(original.Captions, captions);
                }

                if (reason is not null)
                {
                    (skipped.TryGetValue(reason, out List<string>? list) ? list : skipped[reason] = []).Add(entry.RelativePath);
                    continue;
                }

                kept++;
                if (byFingerprint.TryGetValue(drawing.Fingerprint!, out Icon? earlier))
                {
                    merged++;
                    Unite(earlier.Captions, captions);
                    seen[drawing.Fingerprint!] = earlier;
                    continue;
                }

                var icon = new Icon(
                    $"{set.Key}/{entry.RelativePath}", Path.Combine(packageDir, entry.RelativePath), entry.Family ?? IconCaptioner.FamilyOf(entry.Name), captions);
                byFingerprint[drawing.Fingerprint!] = icon;
                seen[drawing.Fingerprint!] = icon;
                icons.Add(icon);
            }

            int Count(string reason) => skipped.TryGetValue(reason, out List<string>? list) ? list.Count : 0;
            reports.Add(new IconSetReport(
                set.Key, set.Package, set.Version, set.Licence, packageDir, entries.Count,
                entries.Count(e => e.ExcludedBecause is not null), Count(Missing), Count(Broken), Count(Blank), Count(NoCaption), Count(Duplicate), kept, merged,
                skipped.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal)));
        }

        int overLimit = CaptionLimit.Apply(icons.Select(x => x.Captions), _options.MaxCaptionsPerImage);

        // The family goes in as the file name (NearDuplicateGrouper also drops a trailing number), the name caption as the
        // title: icons of one family, or named alike in two sets, land in one split.
        IReadOnlyList<IReadOnlyList<int>> groups = new NearDuplicateGrouper().Group(
            icons.Select(i => i.Family + ".svg").ToList(),
            icons.Select(i => i.Captions.FirstOrDefault(c => c.Kind == CaptionKind.Title)?.Key).ToList());
        var assigner = SplitAssigner.ForFractions(icons.Count, _options.ValFraction, _options.TestFraction, _options.Seed);
        Split[] splits = _options.Split == IconSplit.Families ? assigner.Assign(groups, icons.Count) : assigner.AssignOnePerGroup(groups, icons.Count);

        string imagesDir = Path.Combine(outDir, "images");
        _log?.Report($"Copying {icons.Count} icons into {imagesDir}");
        CaptionDataset dataset = RecipeImages.CopyAndBuild(
            _datasetName, icons.Select(i => new RecipeImage(i.RelativePath, i.SourcePath, i.Captions)).ToList(), splits, imagesDir, "*.svg");
        string datasetPath = Path.Combine(outDir, "dataset.json");
        KarpathyJson.Write(dataset, datasetPath);

        var report = new IconsReport(
            Dataset: _datasetName,
            Sets: reports,
            MergedAcrossSets: reports.Sum(r => r.MergedIntoOtherSets),
            ImagesKept: dataset.Images.Count,
            Sentences: dataset.SentenceCount,
            SentencesByKind: Enum.GetValues<CaptionKind>().ToDictionary(k => k, k => icons.Sum(i => i.Captions.Count(c => c.Kind == k))),
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
        _log?.Report($"Kept {report.ImagesKept} icons ({report.Train} train, {report.Val} val, {report.Test} test), "
            + $"{report.Sentences} sentences, in {report.Seconds} s; see {Path.Combine(outDir, "recipe-report.json")}");
        return new IconsResult(dataset, report, datasetPath);
    }

    /// <summary>
    /// A hash of what an icon draws: <see cref="SvgFingerprint"/> of the SVG without its root <c>id</c> and <c>class</c>,
    /// which icon sets fill with the icon's own name ("mdi-account", "lucide lucide-user") and which change nothing drawn.
    /// Throws <see cref="XmlException"/> on malformed XML.
    /// </summary>
    internal static string Fingerprint(byte[] svg)
    {
        using var stream = new MemoryStream(svg, writable: false);
        using var reader = XmlReader.Create(stream, SvgMetadataReader.SafeSettings);
        XDocument document = XDocument.Load(reader);
        if (document.Root is { } root)
        {
            root.Attribute("id")?.Remove();
            root.Attribute("class")?.Remove();
        }

        using var canonical = new MemoryStream();
        document.Save(canonical, SaveOptions.DisableFormatting);
        return SvgFingerprint.Compute(canonical.ToArray());
    }

    /// <summary>Adds the captions of a merged copy to the kept icon's, each distinct one once.</summary>
    private static void Unite(List<CaptionCandidate> kept, List<CaptionCandidate> copy)
    {
        foreach (CaptionCandidate caption in copy)
            IconCaptioner.Add(kept, caption.Kind, caption.Text);
    }

    private string PackageDir(IIconSet set, string outDir)
    {
        string folder = _options.PackageDirs?.GetValueOrDefault(set.Key) is { } given
            ? Path.GetFullPath(given)
            : NpmPackage.Ensure(set.Package, set.Version, _options.CacheDir ?? NpmPackage.DefaultCacheDir(), _log);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The package folder '{folder}' of the icon set '{set.Key}' does not exist.");
        RecipeSource.RefuseNested(folder, outDir, $"the package folder of '{set.Key}'");
        return folder;
    }

    private Drawing[] ReadAll(string packageDir, IReadOnlyList<IconEntry> entries)
    {
        var loader = new ImageLoader(new ImageLoadOptions { TargetSize = _options.RenderSize });
        var drawings = new Drawing[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            if (entries[i].ExcludedBecause is { } excluded)
            {
                drawings[i] = new Drawing(null, excluded);
                return;
            }

            string path = Path.Combine(packageDir, entries[i].RelativePath);
            if (!File.Exists(path))
            {
                drawings[i] = new Drawing(null, Missing);
                return;
            }

            try
            {
                byte[] bytes = File.ReadAllBytes(path);
                string fingerprint = Fingerprint(bytes);
                if (!SvgContent.DrawsSomething(bytes))
                {
                    drawings[i] = new Drawing(null, Blank);
                    return;
                }

                loader.Load(bytes, path);
                drawings[i] = new Drawing(fingerprint, null);
            }
            catch (Exception e) when (e is XmlException or ImageLoadException or IOException or UnauthorizedAccessException)
            {
                drawings[i] = new Drawing(null, Broken);
            }
        });
        return drawings;
    }

    private sealed record Drawing(string? Fingerprint, string? Failure);

    private sealed record Icon(string RelativePath, string SourcePath, string Family, List<CaptionCandidate> Captions);
}
