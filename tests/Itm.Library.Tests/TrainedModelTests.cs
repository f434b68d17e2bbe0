using Itm.Data;
using Itm.Library.Tests.Fixtures;
using Itm.Training.Jobs;

namespace Itm.Library.Tests;

/// <summary>
/// The library end to end, as an application uses it: train a model, index a folder it never saw, and search and
/// annotate it. The shapes are easy enough that a model trained for seconds must get every one of them right.
/// </summary>
[Collection("Sequential")]
public sealed class TrainedModelTests : IClassFixture<TrainedFolder>
{
    private readonly TrainedFolder folder;

    public TrainedModelTests(TrainedFolder folder)
    {
        this.folder = folder;
    }

    [Fact]
    public void Searching_each_caption_finds_its_shape_first()
    {
        using var index = ItmIndex.Open(folder.Db);

        foreach (var (caption, file, _, _) in TrainedFolder.Shapes)
        {
            var results = index.Search(caption, k: 3);
            Assert.True(Path.GetFileName(results[0].Path) == file,
                $"'{caption}' found {string.Join(", ", results.Select(r => $"{r.RelativePath} {r.Score:F3}"))}");
        }
    }

    [Fact]
    public void Annotating_each_shape_puts_its_caption_first()
    {
        using var index = ItmIndex.Open(folder.Db);

        foreach (var (caption, file, _, _) in TrainedFolder.Shapes)
        {
            var captions = index.Annotate(Path.Combine(folder.Images, file), k: 2);
            Assert.True(captions[0].Text == caption, $"{file} annotated with {string.Join(", ", captions.Select(c => $"'{c.Text}' {c.Score:F3}"))} " +
                $"(best epoch {folder.Training.Training.BestEpoch}, validation R-sum {folder.Training.Training.BestRSum:F0})");
        }
    }

    [Fact]
    public void Training_calibrates_the_model_so_search_results_carry_probabilities_and_can_be_cut()
    {
        using var model = ItmModel.Load(folder.ModelDir, new ItmModelOptions { CacheDir = folder.Cache });
        using var index = ItmIndex.Open(folder.Db);

        var all = index.Search("a green circle", k: 6);
        var likely = index.Search("a green circle", k: 6, minPrecision: 0.5);

        Assert.True(model.Info.IsCalibrated);
        Assert.True(index.IsCalibrated);
        Assert.Equal(folder.ModelDir, folder.Training.ModelDir);
        Assert.All(all, r => Assert.InRange(r.Probability ?? -1, 0, 1));
        Assert.Equal(all.Take(likely.Count), likely);
        Assert.All(likely, r => Assert.True(r.Probability >= 0.5));
        Assert.True(all[0].Probability > all[^1].Probability);

        // The query-level figure: 1 − Π(1 − p) over the best of them (all six here), whatever the cut leaves.
        var answer = index.Answer("a green circle", k: 6, minPrecision: 0.99);
        Assert.Equal(all.TakeWhile(r => r.Probability >= 0.99), answer.Results);
        Assert.Equal(6, answer.AnyMatchAmong);
        Assert.Equal(1 - all.Aggregate(1.0, (none, r) => none * (1 - r.Probability!.Value)), answer.AnyMatchProbability!.Value, 9);
    }

    [Fact]
    public void Evaluate_measures_the_model_on_a_split_of_its_dataset()
    {
        var result = ItmModel.Evaluate(new EvalJobOptions { ModelDir = folder.ModelDir, DatasetPath = folder.Dataset, Split = Split.Val, CacheDir = folder.Cache });

        Assert.Equal(6, result.Report.Images);
        Assert.Equal(6, result.Report.Sentences);
        Assert.InRange(result.Report.RSum, 0, 600);
        Assert.NotNull(result.Calibration);
    }

    [Fact]
    public void The_sample_program_indexes_searches_and_annotates()
    {
        string db = Path.Combine(folder.Root, "sample-db");
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = Sample.Program.Main([folder.ModelDir, folder.Images, "a yellow circle", folder.Captions, db]);
        }
        finally
        {
            Console.SetOut(console);
        }

        string text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("6 images (6 embedded now), 6 captions", text);
        Assert.Matches(@"1\. [-0-9.]+\s+p=[0-9.]+\s+yellow-circle\.png", text);
        Assert.Matches(@"Annotate yellow-circle\.png:\s+1\. [-0-9.]+\s+a yellow circle", text);
        Assert.Contains("bow × convnet, 32-d", text);
        Assert.Equal(2, Sample.Program.Main([folder.ModelDir]));
    }
}
