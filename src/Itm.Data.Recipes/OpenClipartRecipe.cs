using System.Diagnostics;
using System.Xml;
using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>What an OpenClipart recipe run wrote.</summary>
/// <param name="DatasetPath">The Karpathy JSON written (<c>OUT/dataset.json</c>).</param>
public sealed record OpenClipartResult(CaptionDataset Dataset, OpenClipartReport Report, string DatasetPath);

/// <summary>
/// Builds an image–text dataset from the OpenClipart SVG collection, with captions made only of each
/// drawing's own title, description, keywords and, failing those, file name:
/// read every SVG (unparsable files are counted and skipped) → merge files that draw the same picture →
/// clean each drawing's text into at most three kinds of caption (<see cref="CaptionCleaner"/>) → drop
/// boilerplate captions that many unrelated drawings share (<see cref="BoilerplateFilter"/>) → drop drawings
/// that draw nothing (<see cref="SvgContent"/>) → give drawings left without a caption one made of their file
/// name's words, unless it says nothing or is boilerplate too (<see cref="FileNameFallback"/>) → drop drawings
/// still without a caption → group near-duplicates (<see cref="NearDuplicateGrouper"/>) → split group-wise
/// with a seed (<see cref="SplitAssigner"/>) → copy the kept SVGs to <c>OUT/images/&lt;category&gt;/&lt;file&gt;.svg</c>
/// and write <c>OUT/dataset.json</c> (name "openclipart") and <c>OUT/recipe-report.json</c>.
/// </summary>
public sealed class OpenClipartRecipe
{
    /// <summary>The dataset name written to dataset.json.</summary>
    public const string DatasetName = "openclipart";

    /// <summary>Where Debian's <see cref="DebianPackageName"/> installs the drawings.</summary>
    public const string DefaultSourceDir = "/usr/share/openclipart/svg";

    public const string DebianPackageName = "openclipart-svg";

    // How many boilerplate captions the report lists.
    private const int ReportedBoilerplate = 30;

    private readonly OpenClipartOptions _options;
    private readonly IProgress<string>? _log;

    public OpenClipartRecipe(OpenClipartOptions options, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
    }

    public OpenClipartResult Run()
    {
        var clock = Stopwatch.StartNew();
        _options.Validate();
        string source = Path.GetFullPath(_options.SourceDir);
        string outDir = Path.GetFullPath(_options.OutDir);
        RecipeSource.Prepare(source, outDir, DefaultSourceDir, DebianPackageName, "OpenClipart source", _log);

        List<string> files = RecipeSource.FindFiles(source, "*.svg");
        _log?.Report($"Reading {files.Count} SVG files under {source}");
        ReadOutcome[] outcomes = ReadAll(source, files);

        List<Drawing> drawings = MergeIdentical(outcomes, out int merged);
        int distinct = drawings.Count;
        var cleaner = new CaptionCleaner(_options.MaxDescriptionWords, _options.MaxKeywords);
        foreach (Drawing drawing in drawings)
        {
            drawing.Captions.AddRange(CleanCaptions(drawing, cleaner));
            drawing.OwnCaptions.AddRange(drawing.Captions);
        }

        IReadOnlyDictionary<string, int> boilerplate = new BoilerplateFilter(_options.BoilerplateMinFamilies)
            .Find(drawings.Select(d => (NearDuplicateGrouper.FamilyOf(d.RelativePath), d.Captions.Select(c => c.Key))));
        int boilerplateDropped = drawings.Sum(d => d.Captions.RemoveAll(c => boilerplate.ContainsKey(c.Key)));
        // A blank picture (a file that only defines a gradient) is no image, whatever its text says. It goes only
        // now: it still counts as a carrier of its set's boilerplate, or that boilerplate would pass on the set's
        // few drawings that do draw something.
        int drawsNothing = drawings.RemoveAll(d => !d.DrawsSomething);
        int noCaption = drawings.Count(d => d.OwnCaptions.Count == 0);
        int onlyBoilerplate = drawings.Count(d => d.Captions.Count == 0) - noCaption;

        FallbackResult? fallback = null;
        if (_options.FileNameFallback)
        {
            List<FallbackDrawing> candidates = drawings.Select(d => new FallbackDrawing(
                d.RelativePath,
                NearDuplicateGrouper.FamilyOf(d.RelativePath),
                // Raw, not cleaned: an author known only by an address ("fudriot@omic.ch") still names the file.
                d.Metadata.SelectMany(m => m.Agents).Distinct(StringComparer.Ordinal).ToList(),
                d.OwnCaptions,
                d.Captions)).ToList();
            fallback = new FileNameFallback(_options.BoilerplateMinFamilies)
                .Build(candidates, boilerplate.Keys.ToHashSet(StringComparer.Ordinal));
            for (int i = 0; i < drawings.Count; i++)
            {
                if (fallback.Captions[i] is { } caption)
                    drawings[i].Captions.Add(caption);
            }
        }

        drawings.RemoveAll(d => d.Captions.Count == 0);
        int overLimit = CaptionLimit.Apply(drawings.Select(x => x.Captions), _options.MaxCaptionsPerImage);

        IReadOnlyList<IReadOnlyList<int>> groups = new NearDuplicateGrouper().Group(
            drawings.Select(d => Path.GetFileName(d.RelativePath)).ToList(),
            // A file-name caption stands in for the title the drawing lacks: two drawings named alike are variants too.
            drawings.Select(d => d.Captions.FirstOrDefault(c => c.Kind is CaptionKind.Title or CaptionKind.FileName)?.Key).ToList());
        Split[] splits = new SplitAssigner(_options.ValCount, _options.TestCount, _options.Seed).Assign(groups, drawings.Count);

        string imagesDir = Path.Combine(outDir, "images");
        _log?.Report($"Copying {drawings.Count} drawings into {imagesDir}");
        CaptionDataset dataset = RecipeImages.CopyAndBuild(
            DatasetName, drawings.Select(x => new RecipeImage(x.RelativePath, x.SourcePath, x.Captions)).ToList(), splits, imagesDir, "*.svg");
        string datasetPath = Path.Combine(outDir, "dataset.json");
        KarpathyJson.Write(dataset, datasetPath);

        var report = new OpenClipartReport(
            SourceDir: source,
            FilesFound: files.Count,
            Unreadable: outcomes.Count(o => o.Failure == Failure.Unreadable),
            Unparsable: outcomes.Count(o => o.Failure == Failure.Unparsable),
            DuplicateFilesMerged: merged,
            DistinctDrawings: distinct,
            DrawsNothing: drawsNothing,
            NoCaptionAfterCleaning: noCaption,
            BoilerplateCaptionsDropped: boilerplateDropped,
            BoilerplateDistinctCaptions: boilerplate.Count,
            NoCaptionAfterBoilerplate: onlyBoilerplate,
            FileNameRescued: fallback?.Captions.Count(c => c is not null) ?? 0,
            FileNameUninformative: fallback?.Uninformative ?? 0,
            FileNameBoilerplate: fallback?.Boilerplate ?? 0,
            Dropped: distinct - drawings.Count,
            CaptionsOverLimit: overLimit,
            ImagesKept: dataset.Images.Count,
            Sentences: dataset.SentenceCount,
            SentencesByKind: Enum.GetValues<CaptionKind>().ToDictionary(k => k, k => drawings.Sum(d => d.Captions.Count(c => c.Kind == k))),
            CaptionsPerImage: RecipeImages.CaptionsPerImage(dataset),
            Groups: groups.Count,
            GroupsWithVariants: groups.Count(g => g.Count > 1),
            LargestGroup: groups.Count == 0 ? 0 : groups.Max(g => g.Count),
            Train: splits.Count(s => s == Split.Train),
            Val: splits.Count(s => s == Split.Val),
            Test: splits.Count(s => s == Split.Test),
            Cleaning: cleaner.Counts,
            TopBoilerplate: boilerplate
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(ReportedBoilerplate)
                .Select(p => new BoilerplateCaption(p.Key, p.Value))
                .ToList(),
            UnparsableFiles: outcomes.Where(o => o.Failure != Failure.None).Select(o => o.RelativePath).ToList(),
            Seconds: Math.Round(clock.Elapsed.TotalSeconds, 1));
        RecipeJson.Write(Path.Combine(outDir, "recipe-report.json"), report);
        _log?.Report($"Kept {report.ImagesKept} of {report.FilesFound} files ({report.Train} train, {report.Val} val, {report.Test} test), "
            + $"{report.Sentences} sentences, in {report.Seconds} s; see {Path.Combine(outDir, "recipe-report.json")}");
        return new OpenClipartResult(dataset, report, datasetPath);
    }

    private static ReadOutcome[] ReadAll(string source, List<string> files)
    {
        var reader = new SvgMetadataReader();
        var outcomes = new ReadOutcome[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            string relative = files[i];
            string full = Path.Combine(source, relative);
            try
            {
                byte[] bytes = File.ReadAllBytes(full);
                outcomes[i] = new ReadOutcome(relative, full, Failure.None, SvgFingerprint.Compute(bytes), reader.Read(bytes), SvgContent.DrawsSomething(bytes));
            }
            catch (XmlException)
            {
                outcomes[i] = new ReadOutcome(relative, full, Failure.Unparsable, null, null, false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcomes[i] = new ReadOutcome(relative, full, Failure.Unreadable, null, null, false);
            }
        });
        return outcomes;
    }

    /// <summary>One drawing per fingerprint, in file order; the first file (ordinally) is the one copied.</summary>
    private static List<Drawing> MergeIdentical(ReadOutcome[] outcomes, out int merged)
    {
        var byFingerprint = new Dictionary<string, Drawing>(StringComparer.Ordinal);
        var drawings = new List<Drawing>();
        merged = 0;
        foreach (ReadOutcome outcome in outcomes.Where(o => o.Failure == Failure.None))
        {
            if (byFingerprint.TryGetValue(outcome.Fingerprint!, out Drawing? drawing))
            {
                drawing.Metadata.Add(outcome.Metadata!);
                merged++;
                continue;
            }

            drawing = new Drawing(outcome.RelativePath, outcome.FullPath, outcome.DrawsSomething);
            drawing.Metadata.Add(outcome.Metadata!);
            byFingerprint[outcome.Fingerprint!] = drawing;
            drawings.Add(drawing);
        }

        return drawings;
    }

    /// <summary>Titles, then descriptions of every merged file, then one keyword sentence; each distinct caption once.</summary>
    private static IEnumerable<CaptionCandidate> CleanCaptions(Drawing drawing, CaptionCleaner cleaner)
    {
        IReadOnlyList<string> agents = CaptionCleaner.CleanAgentNames(drawing.Metadata.SelectMany(m => m.Agents));
        var candidates = new List<CaptionCandidate>();
        foreach (SvgMetadata metadata in drawing.Metadata)
            Add(candidates, CaptionKind.Title, metadata.Titles.Select(t => cleaner.CleanTitle(t, agents)));
        foreach (SvgMetadata metadata in drawing.Metadata)
            Add(candidates, CaptionKind.Description, metadata.Descriptions.Select(d => cleaner.CleanDescription(d, agents)));
        // One keyword sentence from the keywords of all merged files: copies filed under several categories
        // carry nearly the same keyword lists, and several near-identical sentences would only repeat them.
        Add(candidates, CaptionKind.Keywords, [cleaner.CleanKeywords(drawing.Metadata.SelectMany(m => m.Keywords), agents)]);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return candidates.Where(c => c.Key.Length > 0 && seen.Add(c.Key));

        static void Add(List<CaptionCandidate> list, CaptionKind kind, IEnumerable<string?> texts) =>
            list.AddRange(texts.OfType<string>().Select(text => new CaptionCandidate(kind, text)));
    }

    private enum Failure
    {
        None,
        Unreadable,
        Unparsable,
    }

    private sealed record ReadOutcome(string RelativePath, string FullPath, Failure Failure, string? Fingerprint, SvgMetadata? Metadata, bool DrawsSomething);

    /// <summary>One distinct drawing: the file that is copied, the metadata of every file merged into it, its captions.</summary>
    private sealed class Drawing(string relativePath, string sourcePath, bool drawsSomething)
    {
        public string RelativePath { get; } = relativePath;

        public string SourcePath { get; } = sourcePath;

        /// <summary>Whether the file has a shape at all (<see cref="SvgContent"/>); merged copies draw the same.</summary>
        public bool DrawsSomething { get; } = drawsSomething;

        public List<SvgMetadata> Metadata { get; } = [];

        /// <summary>What cleaning gave, before the boilerplate filter: the fallback must know which words were boilerplate.</summary>
        public List<CaptionCandidate> OwnCaptions { get; } = [];

        public List<CaptionCandidate> Captions { get; } = [];
    }
}
