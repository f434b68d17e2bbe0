namespace Itm.Evaluation.Tests;

/// <summary>COCO-style "1K" evaluation: consecutive folds of images, each with its own sentences, averaged.</summary>
public sealed class FoldTests
{
    [Fact]
    public void Folds_average_the_metrics_of_each_fold_evaluated_alone()
    {
        var set = EmbeddingSet.Random(seed: 21, images: 300, dim: 16, maxCaptions: 7);
        var expected = new List<RetrievalMetrics>();
        for (int f = 0; f < 3; f++)
        {
            int[] mine = [.. Enumerable.Range(0, set.SentenceCount).Where(j => set.SentenceImage[j] / 100 == f)];
            float[] images = set.Images.AsSpan(f * 100 * 16, 100 * 16).ToArray();
            float[] sentences = [.. mine.SelectMany(j => set.Sentences.AsSpan(j * 16, 16).ToArray())];
            expected.Add(RankMetrics.FromEmbeddings(images, sentences, 16, [.. mine.Select(j => set.SentenceImage[j] - (f * 100))]).Metrics);
        }

        var folds = RankMetrics.MeanOverFolds(set.Images, set.Sentences, 16, set.SentenceImage, foldSize: 100);

        Assert.Equal(expected.Average(m => m.ImageToText.R1), folds.ImageToText.R1, 9);
        Assert.Equal(expected.Average(m => m.ImageToText.MedR), folds.ImageToText.MedR, 9);
        Assert.Equal(expected.Average(m => m.TextToImage.R5), folds.TextToImage.R5, 9);
        Assert.Equal(expected.Average(m => m.TextToImage.MeanR), folds.TextToImage.MeanR, 9);
        Assert.Equal(expected.Average(m => m.RSum), folds.RSum, 9);
        // Each fold has a third of the distractors, so folds are easier than the whole set.
        var whole = RankMetrics.FromEmbeddings(set.Images, set.Sentences, 16, set.SentenceImage).Metrics;
        Assert.True(folds.RSum > whole.RSum);
    }

    [Fact]
    public void Score_and_embedding_folds_agree()
    {
        var set = EmbeddingSet.Random(seed: 22, images: 90, dim: 16, maxCaptions: 4);
        float[] scores = RankMetrics.ScoreMatrix(set.Images, set.Sentences, 16);

        var fromScores = RankMetrics.MeanOverFolds(scores, 90, set.SentenceCount, set.SentenceImage, foldSize: 30);
        var fromEmbeddings = RankMetrics.MeanOverFolds(set.Images, set.Sentences, 16, set.SentenceImage, foldSize: 30);

        Assert.Equal(fromEmbeddings, fromScores);
    }

    [Fact]
    public void One_fold_is_the_whole_set()
    {
        var set = EmbeddingSet.Random(seed: 23, images: 40, dim: 16, maxCaptions: 5);

        var folds = RankMetrics.MeanOverFolds(set.Images, set.Sentences, 16, set.SentenceImage, foldSize: 40);

        Assert.Equal(RankMetrics.FromEmbeddings(set.Images, set.Sentences, 16, set.SentenceImage).Metrics, folds);
    }

    [Fact]
    public void Images_that_do_not_fill_the_last_fold_are_an_error()
    {
        var set = EmbeddingSet.Random(seed: 24, images: 50, dim: 4, maxCaptions: 2);

        var error = Assert.Throws<ArgumentException>(() => RankMetrics.MeanOverFolds(set.Images, set.Sentences, 4, set.SentenceImage, foldSize: 20));

        Assert.Contains("50 images do not split into folds of 20", error.Message);
    }
}
