using System.Globalization;
using System.Numerics.Tensors;
using Itm.Data.Recipes;
using Itm.Data.Text;
using Itm.Evaluation.Calibration;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;
using Itm.Model.Persistence;
using Itm.Search.Queries;

namespace Itm.Search.Tests.Fixtures;

/// <summary>
/// Synthetic scenes (drawn by <see cref="SyntheticRecipe"/>, two objects each) indexed with vectors known by
/// construction, so a query's right answer is known: one axis per colour and per shape word; an image is the unit
/// sum of its objects' colour and shape axes, a phrase the unit sum of the axes of its colour and shape words.
/// Every image has four distinct axes, so its score for a query is a plain count of what it shares with it.
/// </summary>
public sealed class SceneIndex : IDisposable
{
    public SceneIndex()
    {
        Root = Directory.CreateTempSubdirectory("itm-scene-index-").FullName;
        string data = Path.Combine(Root, "synthetic");
        Scenes = new SyntheticRecipe(new SyntheticOptions(data, ImageCount: 60, ValCount: 0, TestCount: 0, ImageSize: 32,
            CaptionsPerImage: 1, SingleObjectFraction: 0, ThreeObjectFraction: 0)).Run().Scenes;
        Images = Path.Combine(data, "images");
        Db = Path.Combine(Root, "db");
        var identity = new IndexIdentity("scene-concepts", ModelDir, Images, Concepts.Dimension);
        using var folder = IndexFolder.Open(Db, identity, reembed: false);
        new IncrementalIndexer(folder, new Concepts(Scenes), new Concepts(Scenes)).Run(captions: null);
    }

    public string Root { get; }

    public string Images { get; }

    public string Db { get; }

    /// <summary>The model folder the index names: it holds no model, only a calibration once <see cref="Calibrate"/> wrote one.</summary>
    public string ModelDir => Path.Combine(Root, "no-model");

    public IReadOnlyList<SyntheticScene> Scenes { get; }

    /// <summary>A query service whose phrases are embedded by the concept axes instead of a model.</summary>
    public QueryService Open() => QueryService.Open(Db, new Concepts(Scenes), options: null);

    /// <summary>Gives the index's model a calibration, as if fitted on a split of <paramref name="fittedOnImages"/> images.</summary>
    public void Calibrate(ScoreCalibration calibration, int fittedOnImages)
    {
        int n = fittedOnImages;
        var fitted = new FittedCalibration(calibration, "scenes", "val", n, n, new Reliability((long)n * n, n, 0, 0, []), DateTimeOffset.UtcNow);
        CalibrationJson.Write(fitted, Path.Combine(ModelDir, ModelFolder.CalibrationFile));
    }

    public string PathOf(SyntheticScene scene) => Path.Combine(Images, SyntheticRecipe.ImageFileName(scene.Index));

    public SyntheticScene SceneOf(ImageMatch match) => Scenes[int.Parse(Path.GetFileNameWithoutExtension(match.RelativePath), CultureInfo.InvariantCulture)];

    /// <summary>The words of a scene: its colours and shapes.</summary>
    public static HashSet<string> WordsOf(SyntheticScene scene) =>
        [.. scene.Objects.SelectMany(o => new[] { SceneWords.Of(o.Colour), SceneWords.Of(o.Shape) })];

    /// <summary>The vector the index holds for a scene, by construction.</summary>
    public static float[] VectorOf(SyntheticScene scene) => Concepts.UnitSum(WordsOf(scene));

    /// <summary>The vector the text channel gives a phrase, by construction.</summary>
    public static float[] VectorOf(string phrase) => Concepts.UnitSum(Tokenizer.Tokenize(phrase));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>The embedder of both channels: an image by its scene's file name, a phrase by its colour and shape words.</summary>
    private sealed class Concepts(IReadOnlyList<SyntheticScene> scenes) : IImageEmbedder, ITextEmbedder
    {
        public static readonly string[] Axes =
            [.. Enum.GetValues<SceneColour>().Select(SceneWords.Of), .. Enum.GetValues<SceneShape>().Select(SceneWords.Of)];

        public static int Dimension => Axes.Length;

        public EmbeddedImages Embed(IReadOnlyList<string> paths, IProgress<int>? progress, CancellationToken cancellation)
        {
            var rows = paths.SelectMany(path =>
                VectorOf(scenes[int.Parse(Path.GetFileNameWithoutExtension(path), CultureInfo.InvariantCulture)])).ToArray();
            return new EmbeddedImages([.. Enumerable.Range(0, paths.Count)], rows, []);
        }

        public float[] Embed(IReadOnlyList<string> sentences) =>
            [.. sentences.SelectMany(VectorOf)];

        public static float[] UnitSum(IEnumerable<string> words)
        {
            var vector = new float[Dimension];
            foreach (string word in words)
            {
                int axis = Array.IndexOf(Axes, word);
                if (axis >= 0)
                {
                    vector[axis] += 1;
                }
            }

            float norm = TensorPrimitives.Norm(vector);
            Assert.True(norm > 0, $"'{string.Join(' ', words)}' names no colour or shape");
            TensorPrimitives.Divide(vector, norm, vector);
            return vector;
        }
    }
}
