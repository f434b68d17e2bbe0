using Itm.Data.Ranking;
using Itm.Evaluation;
using Itm.Training.Jobs;

namespace Itm.Training.Tests;

/// <summary><c>itm eval --centre collection</c> scores the split as an index of its pictures centred on their mean would.</summary>
[Collection("Sequential")]
public sealed class EvalCentringTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-eval-centring-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Centred_evaluation_ranks_the_images_centred_on_the_mean_of_the_split()
    {
        // Given a tiny trained model (not the base model, so its evaluation centres only when asked)
        var (data, model, cache) = TinySyntheticModel.Train(root, testCount: 8);
        var options = new EvalJobOptions { ModelDir = model, DatasetPath = data.DatasetPath, CacheDir = cache };

        // When it is evaluated as it is (the default for a trained model) and centred
        var plain = EvalJob.Run(options);
        var centred = EvalJob.Run(options with { Centring = ImageCentring.Collection });

        // Then the centred run ranks each image's vector centred on the shrunk mean of the split's, and nothing else changes
        Assert.Equal(EvalJob.Run(options with { Centring = ImageCentring.None }).Report.Metrics, plain.Report.Metrics);
        float[] expected = CollectionCentre.Estimate(plain.ImageEmbeddings, plain.Dim, [1.0]).Centred(plain.ImageEmbeddings);
        Assert.Equal(expected, centred.ImageEmbeddings, (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(plain.SentenceEmbeddings, centred.SentenceEmbeddings);
        var metrics = RankMetrics.FromEmbeddings(expected, plain.SentenceEmbeddings, plain.Dim, plain.SentenceImage).Metrics;
        Assert.Equal(metrics.RSum, centred.Report.Metrics.RSum, 6);
    }
}
