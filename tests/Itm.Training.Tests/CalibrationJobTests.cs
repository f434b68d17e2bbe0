using Itm.Data;
using Itm.Data.Recipes;
using Itm.Data.Relevance;
using Itm.Evaluation.Calibration;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Training.Jobs;
using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;

namespace Itm.Training.Tests;

/// <summary>
/// Training writes a calibration fitted on the validation split; <see cref="CalibrateJob"/> refits it; eval judges it on
/// the test split; new weights saved into the folder drop the stale one.
/// </summary>
[Collection("Sequential")]
public sealed class CalibrationJobTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-calibration-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Training_calibrates_on_val_calibrate_refits_and_eval_measures_on_test()
    {
        // Given a tiny model trained on 24 scenes (16 train, 4 val, 4 test)
        var data = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "data"), ImageCount: 24, ValCount: 4, TestCount: 4, ImageSize: 32)).Run();
        string model = Path.Combine(root, "model"), cache = Path.Combine(root, "cache");
        var events = new List<JobEvent>();
        TrainJob.Run(new TrainJobOptions
        {
            DatasetPath = data.DatasetPath,
            OutDir = model,
            CacheDir = cache,
            Model = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip }, Image = new() { Model = ConvNetSpec.ConvNet, PixelSize = 32 } },
            Trainer = new TrainerOptions { Epochs = 1, BatchSize = 8 },
        }, new InlineProgress<JobEvent>(events.Add));

        // Then the folder holds a calibration fitted on every (sentence, image) pair of the validation split, relevant
        // when one of the image's captions says all the sentence says (so at least the sentence's own image)
        string path = Path.Combine(model, ModelFolder.CalibrationFile);
        var fitted = CalibrationJson.Read(path);
        int valSentences = data.Dataset.InSplit(Split.Val).Sum(i => i.Captions.Count);
        long valRelevant = CaptionRelevance.RelevantImages(data.Dataset.InSplit(Split.Val)).Sum(r => (long)r.Length);
        Assert.Equal(("val", 4, valSentences), (fitted.Split, fitted.Images, fitted.Sentences));
        Assert.Equal(CalibrationRelevance.CaptionTerms, fitted.Relevance);
        Assert.InRange(valRelevant, valSentences, 4L * valSentences);
        Assert.Equal((4L * valSentences, valRelevant), (fitted.Fit.Pairs, fitted.Fit.Positives));
        Assert.Contains("calibration on", events.OfType<StageFinished>().Single(e => e.Stage == JobStage.Calibrate).Summary);
        Assert.True(fitted.Calibration.Probability(1) >= fitted.Calibration.Probability(-1));

        // Then eval judges it on the test split with the same relevance, next to the base-rate baseline
        var eval = EvalJob.Run(new EvalJobOptions { ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache });
        var terms = Assert.IsType<CalibrationQuality>(eval.Calibration);
        long testRelevant = CaptionRelevance.RelevantImages(data.Dataset.InSplit(Split.Test)).Sum(r => (long)r.Length);
        Assert.Equal((CalibrationRelevance.CaptionTerms, testRelevant), (terms.Relevance, terms.All.Positives));
        Assert.Equal((double)testRelevant / (4L * eval.Report.Sentences), terms.BaseRate, 9);
        Assert.Equal(eval.Report.Sentences, terms.AnyMatch!.Queries);

        // When it is refitted with another method and the same-image relevance, the file is replaced
        var refit = CalibrateJob.Run(new CalibrateJobOptions
        {
            ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache, Method = CalibrationMethod.Isotonic, Relevance = CalibrationRelevance.SameImage,
        });
        Assert.Equal(path, refit.Path);
        Assert.IsType<IsotonicCalibration>(CalibrationJson.Read(path).Calibration);
        Assert.Equal(CalibrationRelevance.SameImage, CalibrationJson.Read(path).Relevance);

        // Then eval judges that one with one relevant image per sentence
        eval = EvalJob.Run(new EvalJobOptions { ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache });
        var quality = Assert.IsType<CalibrationQuality>(eval.Calibration);
        Assert.Equal(4L * eval.Report.Sentences, quality.All.Pairs);
        Assert.Equal(eval.Report.Sentences, quality.All.Positives);
        // One relevant image among the 4 test images: the base rate, and the prior the calibration is moved to.
        Assert.Equal(0.25, quality.BaseRate, 9);
        Assert.Equal("isotonic", quality.Method);

        // And new weights saved into the folder drop the calibration of the old ones
        using (var loaded = ModelFolder.Load(model))
        {
            ModelFolder.Save(model, loaded.Model, loaded.Manifest, loaded.Text);
        }

        Assert.False(File.Exists(path));
        Assert.Null(EvalJob.Run(new EvalJobOptions { ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache }).Calibration);
    }
}
