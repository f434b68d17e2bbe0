using System.Numerics.Tensors;

namespace Itm.Evaluation.Calibration;

/// <summary>
/// Whether P(any match) tells answerable queries from unanswerable ones: the collection searched lacks whole
/// categories, so the queries whose every relevant image was left out have no right answer at all. Per query, P(any
/// match among the best k) = 1 − Π (1 − p_i); judged by AUROC (answerable above unanswerable) and by how often the
/// page's "No good match" (P(any match) below <see cref="Threshold"/>) would show for each kind.
/// </summary>
public sealed record Answerability(
    int Answerable, int Unanswerable, double Auroc, double Threshold, double BannerAnswerable, double BannerUnanswerable, IReadOnlyList<string> LeftOut)
{
    /// <param name="images">[N, dim] row-major, L2-normalised: the collection searched (left-out images already removed).</param>
    /// <param name="sentences">[M, dim] row-major, L2-normalised: every query, answerable or not.</param>
    /// <param name="relevantImages">Per query: its relevant images among <paramref name="images"/>; empty when it has none (unanswerable).</param>
    /// <param name="leftOut">What was left out, for the report.</param>
    public static Answerability Measure(
        ReadOnlyMemory<float> images, ReadOnlyMemory<float> sentences, int dim, IReadOnlyList<IReadOnlyList<int>> relevantImages,
        ScoreCalibration calibration, IReadOnlyList<string> leftOut, int topK = SearchPairs.DefaultTopK, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(relevantImages);
        ArgumentNullException.ThrowIfNull(calibration);
        (int imageCount, int sentenceCount) = RankMetrics.CheckEmbeddings(images, sentences, dim);
        if (sentenceCount != relevantImages.Count)
            throw new ArgumentException($"sentences holds {sentenceCount} rows but relevantImages has {relevantImages.Count} entries.", nameof(relevantImages));
        int keep = Math.Min(topK, imageCount);
        double[] any = new double[sentenceCount];
        Parallel.For(0, sentenceCount, j =>
        {
            ReadOnlySpan<float> sentence = sentences.Span.Slice(j * dim, dim);
            float[] scores = new float[imageCount];
            for (int i = 0; i < imageCount; i++)
                scores[i] = TensorPrimitives.Dot(images.Span.Slice(i * dim, dim), sentence);
            Array.Sort(scores, (a, b) => b.CompareTo(a));
            any[j] = AnyMatch.Probability(scores.Take(keep).Select(s => calibration.Probability(s)));
        });

        bool[] answerable = [.. relevantImages.Select(r => r.Count > 0)];
        int yes = answerable.Count(a => a);
        return new Answerability(yes, sentenceCount - yes, AnyMatchQuality.AurocOf(any, answerable), threshold,
            AnyMatchQuality.Share(any, answerable, true, threshold), AnyMatchQuality.Share(any, answerable, false, threshold), leftOut);
    }
}
