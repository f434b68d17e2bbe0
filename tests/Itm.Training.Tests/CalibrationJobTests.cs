using System.Globalization;
using Itm.Data;
using Itm.Data.Recipes;
using Itm.Data.Relevance;
using Itm.Evaluation.Calibration;
using Itm.Model.Persistence;
using Itm.Training.Jobs;

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
        var events = new List<JobEvent>();
        var (data, model, cache) = TinySyntheticModel.Train(root, progress: new InlineProgress<JobEvent>(events.Add));

        // Then the folder holds a calibration fitted on every (sentence, image) pair of the validation split, relevant
        // when the image's scene shows what the sentence says (a synthetic dataset: its scenes.json decides exactly)
        string path = Path.Combine(model, ModelFolder.CalibrationFile);
        var fitted = CalibrationJson.Read(path);
        var scenes = SceneFacts.Read(Path.Combine(Path.GetDirectoryName(data.DatasetPath)!, SceneFacts.FileName));
        int valSentences = data.Dataset.InSplit(Split.Val).Sum(i => i.Captions.Count);
        long valRelevant = SceneRelevance.RelevantImages(data.Dataset.InSplit(Split.Val), scenes).Sum(r => (long)r.Length);
        Assert.Equal(("val", 4, valSentences), (fitted.Split, fitted.Images, fitted.Sentences));
        Assert.Equal(CalibrationRelevance.Scenes, fitted.Relevance);
        Assert.InRange(valRelevant, valSentences, 4L * valSentences);
        Assert.Equal((4L * valSentences, valRelevant), (fitted.Fit.Pairs, fitted.Fit.Positives));
        Assert.Contains("calibration on", events.OfType<StageFinished>().Single(e => e.Stage == JobStage.Calibrate).Summary);
        Assert.True(fitted.Calibration.Probability(1) >= fitted.Calibration.Probability(-1));

        // Then eval judges it on the test split with the same relevance, next to the base-rate baseline; leaving out
        // the test scenes with the first test image's first object makes exactly the queries answered only there unanswerable
        var testImages = data.Dataset.InSplit(Split.Test);
        var first = data.Scenes[int.Parse(testImages[0].Id, CultureInfo.InvariantCulture)].Objects[0];
        string leftOut = $"a {SceneWords.Of(first.Colour)} {SceneWords.Of(first.Shape)}";
        var eval = EvalJob.Run(new EvalJobOptions { ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache, LeaveOutScenes = [leftOut] });
        var judged = Assert.IsType<CalibrationQuality>(eval.Calibration);
        int[][] testRelevant = SceneRelevance.RelevantImages(testImages, scenes);
        Assert.Equal((CalibrationRelevance.Scenes, testRelevant.Sum(r => (long)r.Length)), (judged.Relevance, judged.All.Positives));
        Assert.Equal((double)judged.All.Positives / (4L * eval.Report.Sentences), judged.BaseRate, 9);
        Assert.Equal(eval.Report.Sentences, judged.AnyMatch!.Queries);
        bool[] gone = [.. testImages.Select(i => data.Scenes[int.Parse(i.Id, CultureInfo.InvariantCulture)].Objects.Any(o => o.Colour == first.Colour && o.Shape == first.Shape))];
        int unanswerable = testRelevant.Count(r => r.All(i => gone[i]));
        var answerability = Assert.IsType<Answerability>(judged.LeftOut);
        Assert.Equal((eval.Report.Sentences - unanswerable, unanswerable), (answerability.Answerable, answerability.Unanswerable));
        Assert.Equal([$"scenes: {leftOut}"], answerability.LeftOut);

        // When it is refitted on the relevance of captions, eval judges that one
        CalibrateJob.Run(new CalibrateJobOptions { ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache, Relevance = CalibrationRelevance.CaptionTerms });
        eval = EvalJob.Run(new EvalJobOptions { ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache });
        var terms = Assert.IsType<CalibrationQuality>(eval.Calibration);
        long termsRelevant = CaptionRelevance.RelevantImages(testImages).Sum(r => (long)r.Length);
        Assert.Equal((CalibrationRelevance.CaptionTerms, termsRelevant), (terms.Relevance, terms.All.Positives));

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
