using System.Diagnostics;
using System.Security.Cryptography;
using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>What a drawings recipe run wrote.</summary>
/// <param name="DatasetPath">The Karpathy JSON written (<c>OUT/dataset.json</c>).</param>
public sealed record DrawingsResult(CaptionDataset Dataset, DrawingsReport Report, string DatasetPath);

/// <summary>
/// Builds an image–text dataset from colour drawings that Debian packages install with a name and a category each
/// (<see cref="DrawingSets"/>): list each set's drawings → skip empty files, drawings whose name says nothing
/// (<see cref="IDrawingSet.Captions"/>) and byte-identical copies of a drawing kept before → group variants by name
/// (<see cref="NearDuplicateGrouper"/>) → split group-wise with a seed (all train by default) → copy the kept drawings
/// to <c>OUT/images/&lt;set&gt;/&lt;relative path&gt;</c> and write <c>OUT/dataset.json</c> (name "drawings") and
/// <c>OUT/recipe-report.json</c> with each set's package, version, licence and counts.
/// </summary>
/// <remarks>
/// These are the base model's only colour drawings of things, the kind of picture its held-out benchmarks
/// (OpenClipart, Tux Paint) hold; icons are monochrome or flat. None of them comes from OpenClipart: Art4Apps and
/// Scratch drew their own (pysiogame's other pictures, which its copyright file says partly come from OpenClipart, are
/// not read).
/// </remarks>
public sealed class DrawingsRecipe
{
    /// <summary>The dataset name written to dataset.json by default, and the recipe's name.</summary>
    public const string DatasetName = "drawings";

    private readonly DrawingsOptions _options;
    private readonly IProgress<string>? _log;

    public DrawingsRecipe(DrawingsOptions options, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
    }

    public DrawingsResult Run()
    {
        var clock = Stopwatch.StartNew();
        _options.Validate();
        string outDir = Path.GetFullPath(_options.OutDir);
        var kept = new List<RecipeImage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var setReports = new List<DrawingSetReport>();
        foreach (IDrawingSet set in _options.EffectiveSets)
            setReports.Add(Read(set, outDir, kept, seen));

        IReadOnlyList<IReadOnlyList<int>> groups = new NearDuplicateGrouper().Group(
            kept.Select(k => k.RelativePath).ToList(), kept.Select(k => (string?)k.Captions[0].Key).ToList());
        Split[] splits = new SplitAssigner(_options.ValCount, _options.TestCount, _options.Seed).Assign(groups, kept.Count);

        string imagesDir = Path.Combine(outDir, "images");
        _log?.Report($"Copying {kept.Count} drawings into {imagesDir}");
        CaptionDataset dataset = RecipeImages.CopyAndBuild(_options.DatasetName, kept, splits, imagesDir, "*");
        string datasetPath = Path.Combine(outDir, "dataset.json");
        KarpathyJson.Write(dataset, datasetPath);

        var report = new DrawingsReport(
            _options.DatasetName,
            setReports,
            ImagesKept: dataset.Images.Count,
            Sentences: dataset.SentenceCount,
            CaptionsPerImage: RecipeImages.CaptionsPerImage(dataset),
            Groups: groups.Count,
            Train: splits.Count(s => s == Split.Train),
            Val: splits.Count(s => s == Split.Val),
            Test: splits.Count(s => s == Split.Test),
            Seconds: Math.Round(clock.Elapsed.TotalSeconds, 1));
        RecipeJson.Write(Path.Combine(outDir, BaseTrainingData.ReportFile), report);
        _log?.Report($"Kept {report.ImagesKept} drawings ({string.Join(", ", setReports.Select(s => $"{s.Set} {s.Kept}"))}), "
            + $"{report.Sentences} sentences, in {report.Seconds} s; see {Path.Combine(outDir, BaseTrainingData.ReportFile)}");
        return new DrawingsResult(dataset, report, datasetPath);
    }

    private DrawingSetReport Read(IDrawingSet set, string outDir, List<RecipeImage> kept, HashSet<string> seen)
    {
        string? chosen = _options.SourceDirs is { } dirs && dirs.TryGetValue(set.Key, out string? dir) ? dir : null;
        string source = Path.GetFullPath(chosen ?? set.DefaultSourceDir);
        RecipeSource.Prepare(source, outDir, set.DefaultSourceDir, set.Package, $"{set.Key} drawings", _log);
        string installed = source;
        if (set is IPackedDrawingSet packed)
        {
            source = packed.Unpack(installed, _log);
            RecipeSource.RefuseNested(source, outDir, $"the unpacked {set.Key} drawings");
        }

        IReadOnlyList<string> files = set.List(source);
        _log?.Report($"Reading {files.Count} {set.Key} drawings under {source}");
        int empty = 0, noCaption = 0, duplicates = 0, before = kept.Count;
        foreach (string relative in files)
        {
            string full = Path.Combine(source, relative);
            if (new FileInfo(full).Length == 0)
            {
                empty++;
                continue;
            }

            IReadOnlyList<CaptionCandidate> captions = set.Captions(relative);
            if (captions.Count == 0)
            {
                noCaption++;
                continue;
            }

            if (!seen.Add(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full)))))
            {
                duplicates++;
                continue;
            }

            kept.Add(new RecipeImage($"{set.Key}/{relative}", full, captions));
        }

        string? version = chosen is null ? DpkgQuery.InstalledVersion(set.Package) : null;
        return new DrawingSetReport(
            set.Key, set.Package, version, set.Licence, set.Credit, installed, files.Count, empty, noCaption, duplicates, kept.Count - before);
    }
}
