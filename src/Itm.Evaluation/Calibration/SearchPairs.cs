using System.Numerics.Tensors;

namespace Itm.Evaluation.Calibration;

/// <summary>
/// Every (sentence, image) pair of a split as search sees it, grouped by score: <see cref="All"/> pairs, the
/// <see cref="TopK"/> best images of each sentence (<see cref="Top"/>: what a search shows), and each sentence's best
/// score. Which pairs are relevant is the caller's: the image the sentence was written for, or every image that
/// answers it (several per sentence).
/// </summary>
/// <param name="BestScores">Per sentence: the score of its best image.</param>
/// <param name="Queries">Per sentence: its <see cref="TopK"/> best scores and whether a relevant image is among them (null when not collected).</param>
public sealed record SearchPairs(ScoreCounts All, ScoreCounts Top, int TopK, IReadOnlyList<float> BestScores, IReadOnlyList<QueryTop>? Queries = null)
{
    /// <summary>How many top images per sentence <c>Collect</c> keeps unless told otherwise.</summary>
    public const int DefaultTopK = 10;

    /// <summary>
    /// Scores every sentence against every image (one sentence at a time, so the N × M matrix never exists) and groups
    /// the scores into cells 1e-4 wide: grouping moves a score by at most 5e-5, far below what a calibration resolves.
    /// </summary>
    /// <param name="images">[N, dim] row-major, L2-normalised.</param>
    /// <param name="sentences">[M, dim] row-major, L2-normalised.</param>
    /// <param name="sentenceImage">Per sentence: the index of the image it describes, its only relevant image.</param>
    public static SearchPairs Collect(
        ReadOnlyMemory<float> images, ReadOnlyMemory<float> sentences, int dim, IReadOnlyList<int> sentenceImage, int topK = DefaultTopK)
    {
        ArgumentNullException.ThrowIfNull(sentenceImage);
        return Collect(images, sentences, dim, [.. sentenceImage.Select(i => new[] { i })], topK);
    }

    /// <summary>As <see cref="Collect(ReadOnlyMemory{float}, ReadOnlyMemory{float}, int, IReadOnlyList{int}, int)"/>, with any number of relevant images per sentence.</summary>
    /// <param name="relevantImages">Per sentence: the indexes of the images relevant to it (at least one, no repeats).</param>
    public static SearchPairs Collect(
        ReadOnlyMemory<float> images, ReadOnlyMemory<float> sentences, int dim, IReadOnlyList<IReadOnlyList<int>> relevantImages, int topK = DefaultTopK)
    {
        ArgumentNullException.ThrowIfNull(relevantImages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        (int imageCount, int sentenceCount) = RankMetrics.CheckEmbeddings(images, sentences, dim);
        if (sentenceCount != relevantImages.Count)
            throw new ArgumentException($"sentences holds {sentenceCount} rows but relevantImages has {relevantImages.Count} entries.", nameof(relevantImages));
        if (imageCount == 0)
            throw new ArgumentException("There are no images to score.", nameof(images));
        for (int j = 0; j < sentenceCount; j++)
        {
            if (relevantImages[j].Count == 0)
                throw new ArgumentException($"Sentence {j} has no relevant image.", nameof(relevantImages));
            foreach (int image in relevantImages[j])
            {
                if ((uint)image >= (uint)imageCount)
                    throw new ArgumentException($"Sentence {j} is relevant to image {image}, outside 0..{imageCount - 1}.", nameof(relevantImages));
            }
        }

        int keep = Math.Min(topK, imageCount);
        var all = new ScoreGrid();
        var top = new ScoreGrid();
        float[] best = new float[sentenceCount];
        var queries = new QueryTop[sentenceCount];
        var gate = new Lock();
        Parallel.For(0, sentenceCount,
            () => (All: new ScoreGrid(), Top: new ScoreGrid(), Best: new BestImages(keep), Relevant: new bool[imageCount]),
            (j, _, local) =>
            {
                ReadOnlySpan<float> sentence = sentences.Span.Slice(j * dim, dim);
                ReadOnlySpan<float> imageRows = images.Span;
                bool[] relevant = local.Relevant;
                foreach (int image in relevantImages[j])
                    relevant[image] = true;
                local.Best.Clear();
                for (int i = 0; i < imageCount; i++)
                {
                    float score = TensorPrimitives.Dot(imageRows.Slice(i * dim, dim), sentence);
                    local.All.Add(score, relevant[i]);
                    local.Best.Offer(i, score);
                }

                bool anyRelevant = false;
                for (int r = 0; r < keep; r++)
                {
                    local.Top.Add(local.Best.Scores[r], relevant[local.Best.Images[r]]);
                    anyRelevant |= relevant[local.Best.Images[r]];
                }

                best[j] = local.Best.Scores[0];
                queries[j] = new QueryTop(local.Best.Scores[..keep], anyRelevant);
                foreach (int image in relevantImages[j])
                    relevant[image] = false;
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    all.Merge(local.All);
                    top.Merge(local.Top);
                }
            });

        return new SearchPairs(all.ToCounts(), top.ToCounts(), keep, best, queries);
    }

    /// <summary>The best images offered so far, best first; an equal score does not displace an earlier image.</summary>
    private sealed class BestImages(int size)
    {
        private int count;

        public int[] Images { get; } = new int[size];

        public float[] Scores { get; } = new float[size];

        public void Clear() => count = 0;

        public void Offer(int image, float score)
        {
            if (count == size && !(score > Scores[size - 1]))
                return;
            int at = Math.Min(count, size - 1);
            while (at > 0 && score > Scores[at - 1])
            {
                Scores[at] = Scores[at - 1];
                Images[at] = Images[at - 1];
                at--;
            }

            Scores[at] = score;
            Images[at] = image;
            count = Math.Min(count + 1, size);
        }
    }

    /// <summary>Scores in cells of 1e-4 over [-1, 1] (a score outside, from rounding, goes to the end cell).</summary>
    private sealed class ScoreGrid
    {
        private const int Cells = 20_000;
        private readonly double[] sums = new double[Cells];
        private readonly long[] pairs = new long[Cells];
        private readonly long[] positives = new long[Cells];

        public void Add(float score, bool relevant)
        {
            int cell = Math.Clamp((int)Math.Floor((score + 1.0) * (Cells / 2)), 0, Cells - 1);
            sums[cell] += score;
            pairs[cell]++;
            positives[cell] += relevant ? 1 : 0;
        }

        public void Merge(ScoreGrid other)
        {
            for (int c = 0; c < Cells; c++)
            {
                sums[c] += other.sums[c];
                pairs[c] += other.pairs[c];
                positives[c] += other.positives[c];
            }
        }

        /// <summary>One group per non-empty cell at its mean score (a cell whose mean rounds onto the previous one's joins it).</summary>
        public ScoreCounts ToCounts()
        {
            var (scores, counts, relevant, totals) = (new List<double>(), new List<long>(), new List<long>(), new List<double>());
            for (int c = 0; c < Cells; c++)
            {
                if (pairs[c] == 0)
                    continue;
                double mean = sums[c] / pairs[c];
                if (scores.Count > 0 && !(mean > scores[^1]))
                {
                    totals[^1] += sums[c];
                    counts[^1] += pairs[c];
                    relevant[^1] += positives[c];
                    scores[^1] = totals[^1] / counts[^1];
                    continue;
                }

                scores.Add(mean);
                totals.Add(sums[c]);
                counts.Add(pairs[c]);
                relevant.Add(positives[c]);
            }

            return new ScoreCounts(scores, counts, relevant);
        }
    }
}

/// <summary>One query's best scores, best first, and whether a relevant image is among them: what P(any match) is judged on.</summary>
public sealed record QueryTop(IReadOnlyList<float> Scores, bool HasMatch);
