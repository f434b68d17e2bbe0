using System.Diagnostics;
using System.Globalization;
using Itm.Data;
using Itm.Data.Recipes;
using Itm.Model.JointEmbedding;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Itm.Training;
using Itm.Training.Jobs;
using Xunit.Abstractions;

namespace Itm.Search.Tests.Explanations;

/// <summary>
/// Does the heatmap point at what the caption names? A ConvNet model is trained for seconds on small synthetic scenes,
/// whose ground truth knows where every object is; each unseen test scene of two objects is explained for a caption
/// naming one of them ("a red circle"), and the peak of its heatmap must fall inside that object's box far more often
/// than a peak dropped at random would (the share of the heatmap's cells whose centre is in the box).
/// </summary>
[Collection("Sequential")]
public sealed class HeatmapHitRateTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-explain-hits-").FullName;
    private readonly ITestOutputHelper output;

    public HeatmapHitRateTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void The_heatmaps_peak_falls_on_the_object_the_caption_names_far_more_often_than_chance()
    {
        // Given a ConvNet model trained briefly on 64-pixel scenes (half of them of one object, whose captions tie a colour
        // and a shape to one place), and the scenes indexed with it
        var data = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "synthetic"), ImageCount: 340, ValCount: 20, TestCount: 120,
            ImageSize: 64, CaptionsPerImage: 3, SingleObjectFraction: 0.5, ThreeObjectFraction: 0)).Run();
        string model = Path.Combine(root, "model"), cache = Path.Combine(root, "cache"), db = Path.Combine(root, "db");
        var clock = Stopwatch.StartNew();
        TrainJob.Run(new TrainJobOptions
        {
            DatasetPath = data.DatasetPath,
            OutDir = model,
            CacheDir = cache,
            EvaluateTest = false,
            Model = new JointEmbeddingOptions
            {
                Dim = 64,
                Text = new TextEncoderOptions { Model = TextModel.Bow, HiddenDim = 256, Dropout = 0.1 },
                Image = new ImageEncoderOptions { Model = ImageModel.ConvNet, PixelSize = 32, HiddenDim = 256, Dropout = 0.1 },
            },
            Trainer = new TrainerOptions { Epochs = 10, BatchSize = 32, LearningRate = 2e-3 },
        });
        IndexJob.Run(new IndexJobOptions { ModelDir = model, ImagesDir = Path.Combine(root, "synthetic", "images"), IndexDir = db, CacheDir = cache });
        using var service = QueryService.Open(db, new QueryOptions { CacheDir = cache });
        var trained = clock.Elapsed;

        // When each test scene of two different objects is explained for a caption naming one of them (alternately the first and the second)
        var scenes = data.Dataset.InSplit(Split.Test)
            .Select(image => data.Scenes[int.Parse(image.Id, CultureInfo.InvariantCulture)])
            .Where(s => s.Objects.Count == 2 && (s.Objects[0].Colour, s.Objects[0].Shape) != (s.Objects[1].Colour, s.Objects[1].Shape))
            .ToList();
        int hits = 0;
        double chance = 0;
        foreach (var scene in scenes)
        {
            var named = scene.Objects[scene.Index % 2];
            string caption = $"a {SceneWords.Of(named.Colour)} {SceneWords.Of(named.Shape)}";
            string path = Path.Combine(root, "synthetic", "images", SyntheticRecipe.ImageFileName(scene.Index));
            var explanation = service.Explain(ImageReference.File(path), caption);
            hits += Inside(named, explanation.Peak.X + (explanation.Peak.W / 2), explanation.Peak.Y + (explanation.Peak.H / 2)) ? 1 : 0;
            chance += ChanceOfHitting(named, explanation.Heatmap);
        }

        // Then the peak lands on the named object in most scenes, far above chance
        double rate = (double)hits / scenes.Count;
        chance /= scenes.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak on the named object: {hits}/{scenes.Count} = {rate:P1}; chance {chance:P1} (trained and indexed in {trained.TotalSeconds:F0} s, explained in {(clock.Elapsed - trained).TotalSeconds:F0} s)"));
        Assert.True(scenes.Count >= 40, $"only {scenes.Count} test scenes with two different objects");
        Assert.True(rate >= 0.5 && rate >= chance + 0.3, string.Create(CultureInfo.InvariantCulture, $"hit rate {rate:P1}, chance {chance:P1}"));
    }

    /// <summary>Whether a point (fractions of the image) lies in the object's box.</summary>
    private static bool Inside(SceneObject o, double x, double y) => Math.Abs(x - o.X) <= o.Radius && Math.Abs(y - o.Y) <= o.Radius;

    /// <summary>The chance that a cell picked at random has its centre in the object's box.</summary>
    private static double ChanceOfHitting(SceneObject o, Heatmap heatmap)
    {
        int inside = 0;
        for (int r = 0; r < heatmap.Rows; r++)
        {
            for (int c = 0; c < heatmap.Cols; c++)
            {
                var cell = heatmap.CellRegion(r, c);
                inside += Inside(o, cell.X + (cell.W / 2), cell.Y + (cell.H / 2)) ? 1 : 0;
            }
        }

        return (double)inside / (heatmap.Rows * heatmap.Cols);
    }
}
