using System.Globalization;
using System.Text.RegularExpressions;
using Itm.Data.Readers;
using Itm.Data.Text;

namespace Itm.Data.Recipes;

/// <summary>What a recipe run wrote: the dataset as read back by the rest of itm, the ground truth, and the report.</summary>
/// <param name="DatasetPath">The Karpathy JSON written (<c>OUT/dataset.json</c>).</param>
public sealed record SyntheticResult(CaptionDataset Dataset, IReadOnlyList<SyntheticScene> Scenes, SyntheticReport Report, string DatasetPath);

/// <summary>
/// Builds the synthetic dataset: seeded scenes of coloured shapes in clear spatial relations, drawn to
/// <c>OUT/images/NNNNN.png</c>, with captions whose meaning depends on word order, written as Karpathy
/// JSON (<c>OUT/dataset.json</c>, name "synthetic") plus <c>OUT/scenes.json</c> (the ground truth of every
/// image) and <c>OUT/recipe-report.json</c>. The same options give a byte-identical dataset.json.
/// </summary>
/// <remarks>
/// A scene and its twin (same words, different order; see <see cref="TwinKind"/>) always share a split, so
/// the test set contains the pairs a bag-of-words model cannot tell apart.
/// </remarks>
public sealed partial class SyntheticRecipe
{
    /// <summary>The dataset name written to dataset.json.</summary>
    public const string DatasetName = "synthetic";

    private readonly SyntheticOptions _options;
    private readonly IProgress<string>? _log;

    public SyntheticRecipe(SyntheticOptions options, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
    }

    public SyntheticResult Run()
    {
        _options.Validate();
        string outDir = Path.GetFullPath(_options.OutDir);
        string imagesDir = Path.Combine(outDir, "images");
        Directory.CreateDirectory(imagesDir);

        IReadOnlyList<SyntheticScene> scenes = new SceneGenerator(_options).Generate();
        Split[] splits = new SplitAssigner(_options.ValCount, _options.TestCount, _options.Seed).Assign(TwinGroups(scenes), scenes.Count);

        // Sentences come from their own generator so that changing a template never moves the scenes.
        var sentenceRng = new Random(unchecked((_options.Seed * 7919) + 1));
        var templates = new CaptionTemplates();
        var images = new List<CaptionedImage>(scenes.Count);
        long sentenceId = 0;
        foreach (SyntheticScene scene in scenes)
        {
            var captions = templates.Describe(scene, _options.CaptionsPerImage, sentenceRng)
                .Select(raw => new Caption(sentenceId++, raw, Tokenizer.Tokenize(raw)))
                .ToList();
            // The id is the plain scene index (written as a number, like Karpathy's imgid); the file name is zero-padded so folders sort.
            string id = scene.Index.ToString(CultureInfo.InvariantCulture);
            images.Add(new CaptionedImage(id, Path.Combine(imagesDir, ImageFileName(scene.Index)), splits[scene.Index], captions));
        }

        _log?.Report($"Drawing {scenes.Count} scenes at {_options.ImageSize}x{_options.ImageSize} into {imagesDir}");
        var renderer = new SceneRenderer(_options.ImageSize);
        Parallel.For(0, scenes.Count, i => File.WriteAllBytes(images[i].ImagePath, renderer.RenderPng(scenes[i])));
        RemoveStaleImages(imagesDir, scenes.Count);

        var dataset = new CaptionDataset(DatasetName, images);
        string datasetPath = Path.Combine(outDir, "dataset.json");
        KarpathyJson.Write(dataset, datasetPath);
        RecipeJson.Write(Path.Combine(outDir, "scenes.json"), scenes);
        SyntheticReport report = Summarise(dataset, scenes);
        RecipeJson.Write(Path.Combine(outDir, "recipe-report.json"), report);
        _log?.Report($"Wrote {report.Images} images ({report.Train} train, {report.Val} val, {report.Test} test) and {report.Sentences} sentences to {datasetPath}");
        return new SyntheticResult(dataset, scenes, report, datasetPath);
    }

    /// <summary>The file name, under <c>OUT/images/</c>, of scene <paramref name="index"/>: <c>NNNNN.png</c>.</summary>
    public static string ImageFileName(int index) => index.ToString("D5", CultureInfo.InvariantCulture) + ".png";

    /// <summary>Each scene alone, or together with its twin (which the generator puts right after it).</summary>
    private static List<IReadOnlyList<int>> TwinGroups(IReadOnlyList<SyntheticScene> scenes)
    {
        var groups = new List<List<int>>();
        foreach (SyntheticScene scene in scenes)
        {
            if (scene.TwinOf is int source && groups.Count > 0 && groups[^1][0] == source)
                groups[^1].Add(scene.Index);
            else
                groups.Add([scene.Index]);
        }

        return groups.Select(g => (IReadOnlyList<int>)g).ToList();
    }

    /// <summary>Deletes numbered PNGs left by an earlier, larger run into the same folder, so the folder matches dataset.json.</summary>
    private static void RemoveStaleImages(string imagesDir, int count)
    {
        foreach (string file in Directory.EnumerateFiles(imagesDir, "*.png"))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (NumberedName().IsMatch(name) && int.Parse(name, CultureInfo.InvariantCulture) >= count)
                File.Delete(file);
        }
    }

    private static SyntheticReport Summarise(CaptionDataset dataset, IReadOnlyList<SyntheticScene> scenes)
    {
        var byObjects = Enumerable.Range(1, 3).ToDictionary(
            n => n.ToString(CultureInfo.InvariantCulture),
            n => scenes.Count(s => s.Objects.Count == n));
        var twins = Enum.GetValues<TwinKind>().ToDictionary(k => k, k => scenes.Count(s => s.Twin == k));
        var withTwin = new HashSet<int>();
        foreach (SyntheticScene scene in scenes)
        {
            if (scene.TwinOf is int source)
            {
                withTwin.Add(scene.Index);
                withTwin.Add(source);
            }
        }

        var sentences = dataset.Images.SelectMany(i => i.Captions).ToList();
        return new SyntheticReport(
            Images: dataset.Images.Count,
            Sentences: sentences.Count,
            Train: dataset.Images.Count(i => i.Split == Split.Train),
            Val: dataset.Images.Count(i => i.Split == Split.Val),
            Test: dataset.Images.Count(i => i.Split == Split.Test),
            ScenesByObjectCount: byObjects,
            TwinsByKind: twins,
            ScenesWithTwin: withTwin.Count,
            DistinctSentences: sentences.Select(c => c.Raw).Distinct(StringComparer.Ordinal).Count(),
            VocabularySize: sentences.SelectMany(c => c.Tokens).Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex(@"^\d{5,}$")]
    private static partial Regex NumberedName();
}
