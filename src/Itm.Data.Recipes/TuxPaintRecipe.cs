using System.Diagnostics;
using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>What a Tux Paint recipe run wrote.</summary>
/// <param name="DatasetPath">The Karpathy JSON written (<c>OUT/dataset.json</c>).</param>
public sealed record TuxPaintResult(CaptionDataset Dataset, TuxPaintReport Report, string DatasetPath);

/// <summary>
/// Builds an image–text dataset from Tux Paint's default stamps, with each stamp's own English description as its
/// caption: find every .png and .svg → one stamp per folder + name (the SVG when both exist; Tux Paint's
/// "NAME_mirror.png" mirror images are skipped) → read the English first line of the stamp's .txt, ignoring the
/// translations (<see cref="TuxPaintDescription"/>) → drop descriptions that stamps of many unrelated families share
/// (<see cref="BoilerplateFilter"/>) → give stamps left without a caption one made of their file name's words, unless it
/// says nothing or is boilerplate (<see cref="FileNameFallback"/>) → drop stamps still without a caption → group
/// variants (<see cref="FamilyOf"/>, equal captions; <see cref="NearDuplicateGrouper"/>) → split group-wise with a seed
/// (<see cref="SplitAssigner"/>) → copy the kept images to <c>OUT/images/&lt;relative path&gt;</c> and write
/// <c>OUT/dataset.json</c> (name "tuxpaint") and <c>OUT/recipe-report.json</c>.
/// </summary>
public sealed class TuxPaintRecipe
{
    /// <summary>The dataset name written to dataset.json.</summary>
    public const string DatasetName = "tuxpaint";

    /// <summary>Where Debian's <see cref="DebianPackageName"/> installs the stamps.</summary>
    public const string DefaultSourceDir = "/usr/share/tuxpaint/stamps";

    public const string DebianPackageName = "tuxpaint-stamps-default";

    // Tux Paint ships "NAME_mirror.png" as the hand-drawn mirror image of stamp NAME, shown when the child flips it.
    private const string MirrorSuffix = "_mirror";

    // How many boilerplate captions the report lists.
    private const int ReportedBoilerplate = 30;

    /// <summary>
    /// Colour words that name a variant of one stamp ("apple_green" and "apple_red", "blue_fedora" and "green_fedora"):
    /// <see cref="FamilyOf"/> leaves them out so the variants form one family.
    /// </summary>
    public static readonly IReadOnlySet<string> ColourWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "red", "green", "blue", "yellow", "orange", "purple", "pink", "brown", "black", "white", "gray", "grey",
        "gold", "silver", "violet", "cyan", "magenta", "dark", "light",
    };

    private static readonly char[] NameSeparators = ['_', '-', ' ', '.'];

    private readonly TuxPaintOptions _options;
    private readonly IProgress<string>? _log;

    public TuxPaintRecipe(TuxPaintOptions options, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
    }

    /// <summary>
    /// The family of a stamp, for boilerplate counting and grouping: its file name without folder and extension,
    /// lower-cased, without colour words (<see cref="ColourWords"/>, unless the name is nothing else: "orange" stays
    /// "orange") and without one trailing number (<see cref="NearDuplicateGrouper.FamilyOf"/>). So "apple_green.png" and
    /// "apple_red.png" are "apple", "stoplight_03_green.svg" is "stoplight", "rocket1.png" … "rocket5.png" are "rocket".
    /// The folder is left out on purpose: a stamp filed twice ("people/fireman240a" and "military/fireman240a") is one
    /// drawing, and joining too much only moves a few more images into one split.
    /// </summary>
    public static string FamilyOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string stem = Path.GetFileNameWithoutExtension(Path.GetFileName(relativePath)).ToLowerInvariant();
        string[] parts = stem.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries);
        string[] kept = parts.Where(p => !ColourWords.Contains(p)).ToArray();
        string name = kept.Length == 0 ? stem : string.Join('_', kept);
        return NearDuplicateGrouper.FamilyOf(name + ".stamp");
    }

    public TuxPaintResult Run()
    {
        var clock = Stopwatch.StartNew();
        _options.Validate();
        string source = Path.GetFullPath(_options.SourceDir);
        string outDir = Path.GetFullPath(_options.OutDir);
        RecipeSource.Prepare(source, outDir, DefaultSourceDir, DebianPackageName, "Tux Paint stamps", _log);

        List<string> imageFiles = RecipeSource.FindFiles(source, "*.png").Concat(RecipeSource.FindFiles(source, "*.svg")).Order(StringComparer.Ordinal).ToList();
        _log?.Report($"Reading {imageFiles.Count} stamp images under {source}");
        List<Stamp> stamps = CollectStamps(source, imageFiles, out int mirrors, out int pngReplaced);
        var stampKeys = stamps.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        int orphanDescriptions = RecipeSource.FindFiles(source, "*.txt").Count(t => !stampKeys.Contains(StemOf(t)));

        DescriptionState[] states = stamps.Select(s => ReadDescription(source, s)).ToArray();
        int stampCount = stamps.Count;
        int withEnglish = stamps.Count(s => s.Own.Count > 0);

        IReadOnlyDictionary<string, int> boilerplate = new BoilerplateFilter(_options.BoilerplateMinFamilies)
            .Find(stamps.Select(s => (s.Family, s.Own.Select(c => c.Key))));
        foreach (Stamp stamp in stamps)
            stamp.Captions.AddRange(stamp.Own.Where(c => !boilerplate.ContainsKey(c.Key)));
        int boilerplateDropped = stamps.Sum(s => s.Own.Count - s.Captions.Count);

        FallbackResult? fallback = null;
        if (_options.FileNameFallback)
        {
            // Stamps carry no author names, so nothing is cut from their file names for that.
            List<FallbackDrawing> candidates = stamps
                .Select(s => new FallbackDrawing(s.RelativePath, s.Family, [], s.Own, s.Captions))
                .ToList();
            fallback = new FileNameFallback(_options.BoilerplateMinFamilies).Build(candidates, boilerplate.Keys.ToHashSet(StringComparer.Ordinal));
            for (int i = 0; i < stamps.Count; i++)
            {
                if (fallback.Captions[i] is { } caption)
                    stamps[i].Captions.Add(caption);
            }
        }

        List<string> dropped = stamps.Where(s => s.Captions.Count == 0).Select(s => s.RelativePath).ToList();
        stamps.RemoveAll(s => s.Captions.Count == 0);

        IReadOnlyList<IReadOnlyList<int>> groups = new NearDuplicateGrouper().Group(
            // The family is handed over as a file name, so the grouper's own rule sees the colour-free name.
            stamps.Select(s => s.Family + ".stamp").ToList(),
            // Equal descriptions join too: "The letter z." is drawn filled ("z_filled") and outlined ("z_outline").
            stamps.Select(s => (string?)s.Captions[0].Key).ToList());
        Split[] splits = new SplitAssigner(_options.ValCount, _options.TestCount, _options.Seed).Assign(groups, stamps.Count);

        string imagesDir = Path.Combine(outDir, "images");
        _log?.Report($"Copying {stamps.Count} stamps into {imagesDir}");
        CaptionDataset dataset = RecipeImages.CopyAndBuild(
            DatasetName, stamps.Select(x => new RecipeImage(x.RelativePath, x.SourcePath, x.Captions)).ToList(), splits, imagesDir, "*");
        string datasetPath = Path.Combine(outDir, "dataset.json");
        KarpathyJson.Write(dataset, datasetPath);

        var report = new TuxPaintReport(
            SourceDir: source,
            ImageFilesFound: imageFiles.Count,
            MirrorImagesSkipped: mirrors,
            Stamps: stampCount,
            PngReplacedBySvg: pngReplaced,
            SvgStamps: dataset.Images.Count(i => i.Id.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)),
            PngStamps: dataset.Images.Count(i => i.Id.EndsWith(".png", StringComparison.OrdinalIgnoreCase)),
            WithEnglish: withEnglish,
            NoDescriptionFile: states.Count(s => s == DescriptionState.Missing),
            NoEnglishLine: states.Count(s => s == DescriptionState.NoEnglish),
            DescriptionsWithoutImage: orphanDescriptions,
            BoilerplateCaptionsDropped: boilerplateDropped,
            BoilerplateDistinctCaptions: boilerplate.Count,
            FileNameRescued: fallback?.Captions.Count(c => c is not null) ?? 0,
            FileNameUninformative: fallback?.Uninformative ?? 0,
            FileNameBoilerplate: fallback?.Boilerplate ?? 0,
            Dropped: dropped.Count,
            ImagesKept: dataset.Images.Count,
            Sentences: dataset.SentenceCount,
            CaptionsPerImage: RecipeImages.CaptionsPerImage(dataset),
            Groups: groups.Count,
            GroupsWithVariants: groups.Count(g => g.Count > 1),
            LargestGroup: groups.Count == 0 ? 0 : groups.Max(g => g.Count),
            Train: splits.Count(s => s == Split.Train),
            Val: splits.Count(s => s == Split.Val),
            Test: splits.Count(s => s == Split.Test),
            TopBoilerplate: boilerplate
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(ReportedBoilerplate)
                .Select(p => new BoilerplateCaption(p.Key, p.Value))
                .ToList(),
            DroppedStamps: dropped,
            Seconds: Math.Round(clock.Elapsed.TotalSeconds, 1));
        RecipeJson.Write(Path.Combine(outDir, "recipe-report.json"), report);
        _log?.Report($"Kept {report.ImagesKept} of {report.Stamps} stamps ({report.Train} train, {report.Val} val, {report.Test} test), "
            + $"{report.Sentences} sentences, in {report.Seconds} s; see {Path.Combine(outDir, "recipe-report.json")}");
        return new TuxPaintResult(dataset, report, datasetPath);
    }

    /// <summary>The relative path without its extension: what an image and its .txt have in common.</summary>
    private static string StemOf(string relativePath) => relativePath[..^Path.GetExtension(relativePath).Length];

    /// <summary>
    /// One stamp per relative stem, in ordinal order. When a stamp ships as both SVG and PNG the SVG is used: Tux Paint
    /// itself loads the SVG when it can and keeps the PNG only for builds without SVG support, and the SVG renders sharp at
    /// any size. A "NAME_mirror" image beside stamp NAME is its mirror image and is skipped.
    /// </summary>
    private static List<Stamp> CollectStamps(string source, List<string> imageFiles, out int mirrors, out int pngReplaced)
    {
        var byStem = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string file in imageFiles)
        {
            string stem = StemOf(file);
            if (!byStem.TryGetValue(stem, out List<string>? files))
                byStem[stem] = files = [];
            files.Add(file);
        }

        mirrors = 0;
        pngReplaced = 0;
        var stamps = new List<Stamp>();
        foreach ((string stem, List<string> files) in byStem)
        {
            if (stem.EndsWith(MirrorSuffix, StringComparison.OrdinalIgnoreCase) && byStem.ContainsKey(stem[..^MirrorSuffix.Length]))
            {
                mirrors += files.Count;
                continue;
            }

            string? svg = files.FirstOrDefault(f => f.EndsWith(".svg", StringComparison.OrdinalIgnoreCase));
            if (svg is not null && files.Count > 1)
                pngReplaced++;
            string chosen = svg ?? files[0];
            stamps.Add(new Stamp(stem, chosen, Path.Combine(source, chosen), FamilyOf(chosen)));
        }

        return stamps;
    }

    /// <summary>Reads the stamp's NAME.txt into its own caption; says whether there was an English line, and if not, why.</summary>
    private static DescriptionState ReadDescription(string source, Stamp stamp)
    {
        string full = Path.Combine(source, stamp.Key + ".txt");
        string? english = null;
        DescriptionState state;
        try
        {
            english = File.Exists(full) ? TuxPaintDescription.English(File.ReadLines(full)) : null;
            state = !File.Exists(full) ? DescriptionState.Missing : english is null ? DescriptionState.NoEnglish : DescriptionState.English;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable description is as good as none; the stamp may still get a file-name caption.
            state = DescriptionState.NoEnglish;
        }

        if (english is null)
            return state;
        var candidate = new CaptionCandidate(CaptionKind.Description, english);
        // A "sentence" of punctuation alone ("…") tokenizes to nothing and can single out no image.
        if (candidate.Key.Length == 0)
            return DescriptionState.NoEnglish;
        stamp.Own.Add(candidate);
        return state;
    }

    private enum DescriptionState
    {
        English,
        Missing,
        NoEnglish,
    }

    /// <summary>One stamp: the image file used, its family, its own English caption and what it keeps.</summary>
    /// <param name="Key">The relative path without extension, shared by the image, its .txt and its sounds.</param>
    /// <param name="RelativePath">The image used ('/'-separated, relative to the source): the id and the copy's place under images/.</param>
    private sealed record Stamp(string Key, string RelativePath, string SourcePath, string Family)
    {
        /// <summary>The English description, when there is a usable one; the fallback must see it even when it is boilerplate.</summary>
        public List<CaptionCandidate> Own { get; } = [];

        public List<CaptionCandidate> Captions { get; } = [];
    }
}
