namespace Itm.Evaluation;

/// <summary>
/// Retrieval quality in one direction (image→text or text→image), computed from the 0-based rank of
/// each query's first correct answer, as in the VSE++ evaluation code.
/// </summary>
/// <param name="R1">Percentage of queries whose rank is 0 (recall at 1).</param>
/// <param name="R5">Percentage of queries whose rank is below 5.</param>
/// <param name="R10">Percentage of queries whose rank is below 10.</param>
/// <param name="MedR">floor(median rank) + 1, so a perfect model scores 1.</param>
/// <param name="MeanR">mean rank + 1.</param>
public sealed record DirectionMetrics(double R1, double R5, double R10, double MedR, double MeanR)
{
    /// <summary>R@1 + R@5 + R@10 of this direction (half of an R-sum).</summary>
    public double RecallSum => R1 + R5 + R10;

    /// <summary>Summarises 0-based ranks, one per query.</summary>
    /// <exception cref="ArgumentException">No ranks, or a negative rank.</exception>
    public static DirectionMetrics FromRanks(ReadOnlySpan<int> ranks)
    {
        if (ranks.IsEmpty)
            throw new ArgumentException("Cannot summarise retrieval with no queries.", nameof(ranks));

        int below1 = 0, below5 = 0, below10 = 0;
        long total = 0;
        foreach (int rank in ranks)
        {
            if (rank < 0)
                throw new ArgumentException($"Ranks are 0-based and cannot be negative (got {rank}).", nameof(ranks));
            if (rank < 1) below1++;
            if (rank < 5) below5++;
            if (rank < 10) below10++;
            total += rank;
        }

        double n = ranks.Length;
        return new DirectionMetrics(
            R1: 100.0 * below1 / n,
            R5: 100.0 * below5 / n,
            R10: 100.0 * below10 / n,
            MedR: Math.Floor(Median(ranks)) + 1,
            MeanR: total / n + 1);
    }

    /// <summary>Field-by-field mean (how COCO 1K results are reported: the mean over five folds).</summary>
    public static DirectionMetrics Mean(IReadOnlyList<DirectionMetrics> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
            throw new ArgumentException("Cannot average an empty list of metrics.", nameof(items));
        double n = items.Count;
        return new DirectionMetrics(
            items.Sum(m => m.R1) / n,
            items.Sum(m => m.R5) / n,
            items.Sum(m => m.R10) / n,
            items.Sum(m => m.MedR) / n,
            items.Sum(m => m.MeanR) / n);
    }

    // numpy's convention: the middle value, or the mean of the two middle values for an even count.
    private static double Median(ReadOnlySpan<int> ranks)
    {
        int[] sorted = ranks.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double)sorted[mid]) / 2;
    }
}

/// <summary>Retrieval quality in both directions.</summary>
/// <param name="ImageToText">Annotation: each image is a query over all sentences.</param>
/// <param name="TextToImage">Search: each sentence is a query over all images.</param>
public sealed record RetrievalMetrics(DirectionMetrics ImageToText, DirectionMetrics TextToImage)
{
    /// <summary>Sum of the six recall values (R@1/5/10 of both directions); 600 is perfect.</summary>
    public double RSum => ImageToText.RecallSum + TextToImage.RecallSum;

    /// <summary>Field-by-field mean over folds.</summary>
    public static RetrievalMetrics Mean(IReadOnlyList<RetrievalMetrics> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new RetrievalMetrics(
            DirectionMetrics.Mean(items.Select(m => m.ImageToText).ToList()),
            DirectionMetrics.Mean(items.Select(m => m.TextToImage).ToList()));
    }
}

/// <summary>
/// Metrics plus the per-query ranks they were computed from, so callers can show examples
/// (the images annotated worst, the sentences whose image was found first...).
/// </summary>
/// <param name="Metrics">The summary.</param>
/// <param name="ImageToTextRanks">Per image: 0-based rank of its best-ranked own sentence among all sentences.</param>
/// <param name="ImageToTextBestSentence">Per image: index of the own sentence that achieved that rank.</param>
/// <param name="TextToImageRanks">Per sentence: 0-based rank of its image among all images.</param>
public sealed record RetrievalResult(
    RetrievalMetrics Metrics,
    int[] ImageToTextRanks,
    int[] ImageToTextBestSentence,
    int[] TextToImageRanks);
