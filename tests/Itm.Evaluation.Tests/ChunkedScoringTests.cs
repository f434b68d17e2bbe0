namespace Itm.Evaluation.Tests;

/// <summary>The blocked embedding path against the full matrix, and the full-matrix ranking against a literal reading of the protocol.</summary>
public sealed class ChunkedScoringTests
{
    [Theory]
    [InlineData(0)]   // automatic block size
    [InlineData(7)]   // 300 images do not split evenly into blocks of 7
    [InlineData(64)]
    [InlineData(1000)] // larger than the set
    public void Blocked_embeddings_equal_the_full_matrix(int blockImages)
    {
        var set = EmbeddingSet.Random(seed: 11, images: 300, dim: 37, maxCaptions: 7);

        var blocked = RankMetrics.FromEmbeddings(set.Images, set.Sentences, set.Dim, set.SentenceImage, blockImages);
        var naive = RankMetrics.FromScores(RankMetrics.ScoreMatrix(set.Images, set.Sentences, set.Dim), 300, set.SentenceCount, set.SentenceImage);

        Assert.Equal(naive.ImageToTextRanks, blocked.ImageToTextRanks);
        Assert.Equal(naive.ImageToTextBestSentence, blocked.ImageToTextBestSentence);
        Assert.Equal(naive.TextToImageRanks, blocked.TextToImageRanks);
        Assert.Equal(naive.Metrics, blocked.Metrics);
        // The noise level keeps the task hard enough that ranks are spread, not all 0.
        Assert.InRange(blocked.Metrics.TextToImage.R1, 5, 95);
    }

    [Fact]
    public void Score_matrix_is_the_dot_product_of_every_pair()
    {
        var set = EmbeddingSet.Random(seed: 3, images: 20, dim: 37, maxCaptions: 3);

        float[] scores = RankMetrics.ScoreMatrix(set.Images, set.Sentences, set.Dim);

        for (int i = 0; i < 20; i++)
        {
            for (int j = 0; j < set.SentenceCount; j++)
            {
                double dot = 0;
                for (int d = 0; d < set.Dim; d++)
                    dot += (double)set.Images[(i * set.Dim) + d] * set.Sentences[(j * set.Dim) + d];
                Assert.Equal(dot, scores[(i * set.SentenceCount) + j], 1e-5);
            }
        }
    }

    [Fact]
    public void Full_matrix_ranks_match_a_literal_reading_of_the_protocol()
    {
        var set = EmbeddingSet.Random(seed: 5, images: 60, dim: 8, maxCaptions: 7);
        float[] scores = RankMetrics.ScoreMatrix(set.Images, set.Sentences, set.Dim);
        // Coarse rounding makes ties common, so the tie rule is exercised too.
        for (int k = 0; k < scores.Length; k++)
            scores[k] = MathF.Round(scores[k] * 10) / 10;
        int n = 60, m = set.SentenceCount;

        var result = RankMetrics.FromScores(scores, n, m, set.SentenceImage);

        for (int i = 0; i < n; i++)
        {
            // For each own sentence: how many other images' sentences score at least as high; keep the best.
            int best = int.MaxValue;
            for (int j = 0; j < m; j++)
            {
                if (set.SentenceImage[j] != i)
                    continue;
                int ahead = Enumerable.Range(0, m).Count(k => set.SentenceImage[k] != i && scores[(i * m) + k] >= scores[(i * m) + j]);
                best = Math.Min(best, ahead);
            }

            Assert.Equal(best, result.ImageToTextRanks[i]);
        }

        for (int j = 0; j < m; j++)
        {
            int own = set.SentenceImage[j];
            int ahead = Enumerable.Range(0, n).Count(i => i != own && scores[(i * m) + j] >= scores[(own * m) + j]);
            Assert.Equal(ahead, result.TextToImageRanks[j]);
        }
    }
}
