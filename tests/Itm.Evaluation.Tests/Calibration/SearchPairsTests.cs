using Itm.Evaluation.Calibration;

namespace Itm.Evaluation.Tests.Calibration;

/// <summary>Collecting a split's pairs from embeddings gives what scoring every pair by hand gives.</summary>
public sealed class SearchPairsTests
{
    [Fact]
    public void Collected_pairs_match_the_naive_pairs()
    {
        var random = new Random(3);
        const int dim = 8, images = 7;
        int[] sentenceImage = [0, 0, 1, 2, 3, 3, 3, 4, 5, 6, 6];
        float[] imageRows = UnitRows(random, images, dim), sentenceRows = UnitRows(random, sentenceImage.Length, dim);

        var pairs = SearchPairs.Collect(imageRows, sentenceRows, dim, sentenceImage, topK: 2);

        // Naive: every score, its label, and each sentence's two best images.
        var (scores, labels, topScores, topLabels) = (new List<float>(), new List<bool>(), new List<float>(), new List<bool>());
        for (int j = 0; j < sentenceImage.Length; j++)
        {
            var row = Enumerable.Range(0, images).Select(i => (Image: i, Score: Dot(imageRows, i, sentenceRows, j, dim))).ToList();
            scores.AddRange(row.Select(r => r.Score));
            labels.AddRange(row.Select(r => r.Image == sentenceImage[j]));
            var best = row.OrderByDescending(r => r.Score).Take(2).ToList();
            topScores.AddRange(best.Select(r => r.Score));
            topLabels.AddRange(best.Select(r => r.Image == sentenceImage[j]));
            Assert.Equal(best[0].Score, pairs.BestScores[j], 5);
        }

        AssertSameCounts(ScoreCounts.FromPairs([.. scores], [.. labels]), pairs.All);
        AssertSameCounts(ScoreCounts.FromPairs([.. topScores], [.. topLabels]), pairs.Top);
        Assert.Equal(sentenceImage.Length * images, pairs.All.TotalPairs);
        Assert.Equal(sentenceImage.Length, pairs.All.TotalPositives);
        Assert.Equal(2, pairs.TopK);
    }

    [Fact]
    public void Pairs_with_several_relevant_images_match_the_naive_pairs()
    {
        var random = new Random(4);
        const int dim = 6, images = 9;
        int[][] relevantImages = [[0, 3], [1], [2, 4, 8], [0, 1, 2, 3, 4, 5, 6, 7, 8], [7], [5, 6]];
        float[] imageRows = UnitRows(random, images, dim), sentenceRows = UnitRows(random, relevantImages.Length, dim);

        var pairs = SearchPairs.Collect(imageRows, sentenceRows, dim, relevantImages, topK: 3);

        var (scores, labels, topScores, topLabels) = (new List<float>(), new List<bool>(), new List<float>(), new List<bool>());
        for (int j = 0; j < relevantImages.Length; j++)
        {
            var row = Enumerable.Range(0, images).Select(i => (Image: i, Score: Dot(imageRows, i, sentenceRows, j, dim))).ToList();
            scores.AddRange(row.Select(r => r.Score));
            labels.AddRange(row.Select(r => relevantImages[j].Contains(r.Image)));
            var best = row.OrderByDescending(r => r.Score).Take(3).ToList();
            topScores.AddRange(best.Select(r => r.Score));
            topLabels.AddRange(best.Select(r => relevantImages[j].Contains(r.Image)));
        }

        AssertSameCounts(ScoreCounts.FromPairs([.. scores], [.. labels]), pairs.All);
        AssertSameCounts(ScoreCounts.FromPairs([.. topScores], [.. topLabels]), pairs.Top);
        Assert.Equal(relevantImages.Sum(r => r.Length), pairs.All.TotalPositives);
    }

    [Fact]
    public void A_sentence_without_a_relevant_image_is_refused() =>
        Assert.Throws<ArgumentException>(() => SearchPairs.Collect(new float[4], new float[2], 2, new int[][] { [] }));

    [Fact]
    public void A_sentence_of_an_image_outside_the_split_is_refused() =>
        Assert.Throws<ArgumentException>(() => SearchPairs.Collect(new float[4], new float[2], 2, [2]));

    // Grouping into 1e-4 cells keeps every count and, cell by cell, the sum of the scores: so totals and
    // score sums agree, and no group is farther than a cell from some naive score.
    private static void AssertSameCounts(ScoreCounts expected, ScoreCounts actual)
    {
        Assert.Equal((expected.TotalPairs, expected.TotalPositives), (actual.TotalPairs, actual.TotalPositives));
        Assert.Equal(WeightedSum(expected, expected.Pairs), WeightedSum(actual, actual.Pairs), 4);
        Assert.Equal(WeightedSum(expected, expected.Positives), WeightedSum(actual, actual.Positives), 4);
        Assert.InRange(actual.Count, 1, expected.Count);
        Assert.All(actual.Scores, s => Assert.Contains(expected.Scores, e => Math.Abs(e - s) < 1e-4));
    }

    private static double WeightedSum(ScoreCounts counts, IReadOnlyList<long> weights) =>
        Enumerable.Range(0, counts.Count).Sum(i => counts.Scores[i] * weights[i]);

    private static float Dot(float[] a, int i, float[] b, int j, int dim)
    {
        float sum = 0;
        for (int d = 0; d < dim; d++)
            sum += a[(i * dim) + d] * b[(j * dim) + d];
        return sum;
    }

    private static float[] UnitRows(Random random, int rows, int dim)
    {
        float[] values = new float[rows * dim];
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * dim, dim);
            for (int d = 0; d < dim; d++)
                row[d] = (float)((random.NextDouble() * 2) - 1);
            float norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(row, row));
            for (int d = 0; d < dim; d++)
                row[d] /= norm;
        }

        return values;
    }
}
