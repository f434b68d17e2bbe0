namespace Itm.Evaluation.Tests;

/// <summary>The protocol on score matrices small enough to rank by hand.</summary>
public sealed class HandWorkedRankingTests
{
    // 3 images with 2, 1 and 3 sentences, deliberately not stored image by image.
    private static readonly int[] SentenceImage = [2, 0, 1, 0, 2, 2];

    private static readonly float[] Scores =
    [
        // s0    s1    s2    s3    s4    s5         own sentences
        0.9f, 0.3f, 0.8f, 0.7f, 0.1f, 0.2f, // image 0: s1, s3
        0.1f, 0.2f, 0.9f, 0.3f, 0.4f, 0.5f, // image 1: s2
        0.2f, 0.6f, 0.5f, 0.4f, 0.3f, 0.1f, // image 2: s0, s4, s5
    ];

    [Fact]
    public void Image_rank_is_the_best_rank_among_its_own_sentences()
    {
        var result = RankMetrics.FromScores(Scores, 3, 6, SentenceImage);

        // image 0: best own is s3 (0.7), beaten by s0 (0.9) and s2 (0.8) -> 2
        // image 1: its only sentence s2 (0.9) tops the row -> 0
        // image 2: best own is s4 (0.3), beaten by s1, s2, s3 -> 3
        Assert.Equal([2, 0, 3], result.ImageToTextRanks);
        Assert.Equal([3, 2, 4], result.ImageToTextBestSentence);
    }

    [Fact]
    public void Sentence_rank_is_the_rank_of_its_image_in_its_column()
    {
        var result = RankMetrics.FromScores(Scores, 3, 6, SentenceImage);

        // s0 col [0.9 0.1 0.2] own image 2 -> 1;  s1 [0.3 0.2 0.6] image 0 -> 1;  s2 [0.8 0.9 0.5] image 1 -> 0
        // s3 [0.7 0.3 0.4] image 0 -> 0;         s4 [0.1 0.4 0.3] image 2 -> 1;  s5 [0.2 0.5 0.1] image 2 -> 2
        Assert.Equal([1, 1, 0, 0, 1, 2], result.TextToImageRanks);
    }

    [Fact]
    public void Metrics_summarise_both_directions()
    {
        var metrics = RankMetrics.FromScores(Scores, 3, 6, SentenceImage).Metrics;

        // i2t ranks [2 0 3]: median 2, mean 5/3
        AssertMetrics(new DirectionMetrics(100.0 / 3, 100, 100, 3, (5.0 / 3) + 1), metrics.ImageToText);
        // t2i ranks [1 1 0 0 1 2]: sorted [0 0 1 1 1 2], median (1 + 1) / 2 = 1, mean 5/6
        AssertMetrics(new DirectionMetrics(100.0 / 3, 100, 100, 2, (5.0 / 6) + 1), metrics.TextToImage);
        Assert.Equal((100.0 / 3) + 200 + (100.0 / 3) + 200, metrics.RSum, 9);
    }

    [Fact]
    public void Odd_count_median_is_the_middle_rank()
    {
        // sorted [0 1 4 7 12]
        var metrics = DirectionMetrics.FromRanks([0, 4, 12, 7, 1]);

        AssertMetrics(new DirectionMetrics(20, 60, 80, 5, (24.0 / 5) + 1), metrics);
    }

    [Fact]
    public void Even_count_median_averages_the_middle_ranks_then_floors()
    {
        // sorted [0 3 6 10]: median 4.5 -> floor 4 -> MedR 5
        var metrics = DirectionMetrics.FromRanks([3, 0, 10, 6]);

        AssertMetrics(new DirectionMetrics(25, 50, 75, 5, (19.0 / 4) + 1), metrics);
        Assert.Equal(2, DirectionMetrics.FromRanks([1, 2]).MedR); // median 1.5 -> 1 -> 2
    }

    [Fact]
    public void Recall_at_k_counts_ranks_strictly_below_k()
    {
        var metrics = DirectionMetrics.FromRanks([1, 5, 10]);

        Assert.Equal(0, metrics.R1);
        Assert.Equal(100.0 / 3, metrics.R5, 9);
        Assert.Equal(200.0 / 3, metrics.R10, 9);
    }

    [Fact]
    public void Constant_scores_rank_every_target_last_so_recall_is_zero()
    {
        int[] sentenceImage = [0, 0, 1, 2, 2, 2, 3];
        float[] scores = Enumerable.Repeat(0.5f, 4 * 7).ToArray();

        var result = RankMetrics.FromScores(scores, 4, 7, sentenceImage);

        // Each image is behind every sentence that is not its own; each sentence behind the three other images.
        Assert.Equal([5, 6, 4, 6], result.ImageToTextRanks);
        Assert.All(result.TextToImageRanks, rank => Assert.Equal(3, rank));
        Assert.Equal(0, result.Metrics.ImageToText.R1);
        Assert.Equal(0, result.Metrics.TextToImage.R1);
    }

    [Fact]
    public void A_tie_with_a_wrong_candidate_counts_against_the_target()
    {
        int[] sentenceImage = [0, 1];
        float[] scores =
        [
            0.5f, 0.5f, // image 0 ties its sentence with image 1's
            0.1f, 0.9f,
        ];

        var result = RankMetrics.FromScores(scores, 2, 2, sentenceImage);

        Assert.Equal([1, 0], result.ImageToTextRanks);
        Assert.Equal([0, 0], result.TextToImageRanks);
    }

    [Fact]
    public void Own_sentences_tied_at_the_top_do_not_push_each_other_down()
    {
        int[] sentenceImage = [0, 0, 1];
        float[] scores =
        [
            0.8f, 0.8f, 0.2f,
            0.1f, 0.1f, 0.9f,
        ];

        var result = RankMetrics.FromScores(scores, 2, 3, sentenceImage);

        Assert.Equal([0, 0], result.ImageToTextRanks);
    }

    [Fact]
    public void NaN_scores_rank_ahead_of_everything()
    {
        int[] sentenceImage = [0, 1];
        float[] scores =
        [
            float.NaN, 0.1f, // image 0's own score is NaN: it loses to every other sentence
            float.NaN, 0.9f, // image 1's NaN against s0 beats its own 0.9, and beats image 0 in s0's column
        ];

        var result = RankMetrics.FromScores(scores, 2, 2, sentenceImage);

        Assert.Equal([1, 1], result.ImageToTextRanks);
        Assert.Equal([1, 0], result.TextToImageRanks);
    }

    [Fact]
    public void An_image_without_a_sentence_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => RankMetrics.FromScores(new float[6], 3, 2, [0, 2]));

        Assert.Contains("Image 1 has no sentence", error.Message);
    }

    [Fact]
    public void Inconsistent_sizes_are_clear_errors()
    {
        Assert.Contains("outside 0..1", Assert.Throws<ArgumentException>(() => RankMetrics.FromScores(new float[4], 2, 2, [0, 2])).Message);
        Assert.Contains("needs 6", Assert.Throws<ArgumentException>(() => RankMetrics.FromScores(new float[5], 2, 3, [0, 1, 1])).Message);
        Assert.Contains("sentenceImage has 2", Assert.Throws<ArgumentException>(() => RankMetrics.FromScores(new float[6], 2, 3, [0, 1])).Message);
        Assert.Contains("whole number", Assert.Throws<ArgumentException>(() => RankMetrics.FromEmbeddings(new float[7], new float[8], 2, [0])).Message);
        Assert.Throws<ArgumentException>(() => DirectionMetrics.FromRanks([]));
    }

    private static void AssertMetrics(DirectionMetrics expected, DirectionMetrics actual)
    {
        Assert.Equal(expected.R1, actual.R1, 9);
        Assert.Equal(expected.R5, actual.R5, 9);
        Assert.Equal(expected.R10, actual.R10, 9);
        Assert.Equal(expected.MedR, actual.MedR, 9);
        Assert.Equal(expected.MeanR, actual.MeanR, 9);
    }
}
