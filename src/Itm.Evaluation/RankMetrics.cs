using System.Numerics;

namespace Itm.Evaluation;

/// <summary>
/// The field's standard retrieval protocol (VSE++ <c>i2t</c>/<c>t2i</c>) as pure functions of scores or embeddings.
/// <list type="bullet">
/// <item><b>i2t (annotation)</b>: each image ranks all sentences; its rank is the best rank among its own sentences.</item>
/// <item><b>t2i (search)</b>: each sentence ranks all images; its rank is the rank of its own image.</item>
/// </list>
/// Ties are broken pessimistically: a wrong candidate whose score equals the target's ranks ahead of it, and a
/// NaN score ranks ahead of everything, so a constant (or broken) model scores 0, never 100%. An image's own
/// sentences never count against each other. Images may have any number of sentences (at least one).
/// </summary>
public static class RankMetrics
{
    // One block of image-by-sentence scores is kept at or under 16 MB.
    private const int BlockFloats = 1 << 22;

    // Sentences scored together against a block of images: 256 x 1024-d floats is 1 MB, so a tile stays in cache
    // while every image row of the block is dotted with it.
    private const int SentenceTile = 256;

    /// <summary>Ranks from a full score matrix.</summary>
    /// <param name="scores">[imageCount, sentenceCount] row-major; higher means a better match.</param>
    /// <param name="sentenceImage">Per sentence: the index of the image it describes.</param>
    /// <exception cref="ArgumentException">Sizes disagree, an image index is out of range, or an image has no sentence.</exception>
    public static RetrievalResult FromScores(ReadOnlySpan<float> scores, int imageCount, int sentenceCount, IReadOnlyList<int> sentenceImage)
    {
        var owners = SentenceOwners.Build(imageCount, sentenceImage);
        if (sentenceCount != owners.SentenceCount)
            throw new ArgumentException($"sentenceCount is {sentenceCount} but sentenceImage has {owners.SentenceCount} entries.", nameof(sentenceCount));
        if (scores.Length != (long)imageCount * sentenceCount)
            throw new ArgumentException($"scores has {scores.Length} values; {imageCount} images x {sentenceCount} sentences needs {(long)imageCount * sentenceCount}.", nameof(scores));

        var ranker = new Ranker(owners);
        for (int j = 0; j < sentenceCount; j++)
            ranker.Targets[j] = scores[(owners.ImageOf[j] * sentenceCount) + j];

        // The matrix already exists, so it is one block.
        for (int i = 0; i < imageCount; i++)
            ranker.RankImage(i, scores.Slice(i * sentenceCount, sentenceCount));
        ranker.CountImagesAhead(scores, firstImage: 0, rows: imageCount, 0, sentenceCount);
        return ranker.Result();
    }

    /// <summary>
    /// Ranks from L2-normalised embeddings, scoring blocks of images against all sentences so the full
    /// [N, M] matrix never exists (5,000 x 25,000 would be 500 MB). Gives exactly the result of
    /// <see cref="FromScores"/> on <see cref="ScoreMatrix"/>.
    /// </summary>
    /// <param name="images">[N, dim] row-major.</param>
    /// <param name="sentences">[M, dim] row-major.</param>
    /// <param name="sentenceImage">Per sentence: the index of the image it describes.</param>
    /// <param name="blockImages">Images scored per block; 0 picks a block of about 16 MB of scores.</param>
    public static RetrievalResult FromEmbeddings(
        ReadOnlyMemory<float> images, ReadOnlyMemory<float> sentences, int dim, IReadOnlyList<int> sentenceImage, int blockImages = 0)
    {
        (int imageCount, int sentenceCount) = CheckEmbeddings(images, sentences, dim);
        ArgumentOutOfRangeException.ThrowIfNegative(blockImages);
        var owners = SentenceOwners.Build(imageCount, sentenceImage);
        if (sentenceCount != owners.SentenceCount)
            throw new ArgumentException($"sentences holds {sentenceCount} rows but sentenceImage has {owners.SentenceCount} entries.", nameof(sentenceImage));

        var ranker = new Ranker(owners);
        Parallel.For(0, sentenceCount, j =>
            ranker.Targets[j] = Dot(Row(images.Span, owners.ImageOf[j], dim), Row(sentences.Span, j, dim)));

        int rows = blockImages > 0 ? blockImages : BlockFloats / sentenceCount;
        rows = Math.Clamp(rows, 1, Math.Min(imageCount, Array.MaxLength / sentenceCount));
        float[] block = new float[(long)rows * sentenceCount]; // [rows, M]
        int tiles = (sentenceCount + SentenceTile - 1) / SentenceTile;

        for (int first = 0; first < imageCount; first += rows)
        {
            int count = Math.Min(rows, imageCount - first);

            // Scores: each worker owns a tile of sentence columns, so writes never overlap.
            Parallel.For(0, tiles, tile =>
            {
                int j0 = tile * SentenceTile, j1 = Math.Min(j0 + SentenceTile, sentenceCount);
                ScoreTile(images.Span, sentences.Span, dim, first, count, j0, j1, block.AsSpan(0, count * sentenceCount), sentenceCount);
            });

            // i2t: every row of the block is complete, so its image is ranked now.
            Parallel.For(0, count, r => ranker.RankImage(first + r, block.AsSpan(r * sentenceCount, sentenceCount)));

            // t2i: each sentence counts the images of this block that beat its own image.
            Parallel.For(0, tiles, tile =>
            {
                int j0 = tile * SentenceTile, j1 = Math.Min(j0 + SentenceTile, sentenceCount);
                ranker.CountImagesAhead(block.AsSpan(0, count * sentenceCount), first, count, j0, j1);
            });
        }

        return ranker.Result();
    }

    /// <summary>
    /// The full [N, M] score matrix (cosine for L2-normalised rows), with the same arithmetic as
    /// <see cref="FromEmbeddings"/>. Meant for small sets, examples and tests.
    /// </summary>
    public static float[] ScoreMatrix(ReadOnlyMemory<float> images, ReadOnlyMemory<float> sentences, int dim)
    {
        (int imageCount, int sentenceCount) = CheckEmbeddings(images, sentences, dim);
        float[] scores = new float[(long)imageCount * sentenceCount]; // [N, M]
        Parallel.For(0, imageCount, i =>
        {
            ReadOnlySpan<float> image = Row(images.Span, i, dim), sentenceRows = sentences.Span;
            for (int j = 0; j < sentenceCount; j++)
                scores[((long)i * sentenceCount) + j] = Dot(image, Row(sentenceRows, j, dim));
        });
        return scores;
    }

    /// <summary>
    /// COCO-style folds from embeddings: images are split into consecutive folds of <paramref name="foldSize"/>,
    /// each with its own sentences; every fold is evaluated on its own and the metrics are averaged
    /// (COCO "1K" is foldSize 1000 on the 5,000 test images).
    /// </summary>
    /// <exception cref="ArgumentException">The image count is not a multiple of <paramref name="foldSize"/>.</exception>
    public static RetrievalMetrics MeanOverFolds(
        ReadOnlyMemory<float> images, ReadOnlyMemory<float> sentences, int dim, IReadOnlyList<int> sentenceImage, int foldSize)
    {
        (int imageCount, _) = CheckEmbeddings(images, sentences, dim);
        var folds = Folds(imageCount, sentenceImage, foldSize);
        var metrics = new List<RetrievalMetrics>(folds.Count);
        foreach (var fold in folds)
        {
            float[] foldSentences = new float[fold.Sentences.Length * dim]; // [fold M, dim]
            for (int s = 0; s < fold.Sentences.Length; s++)
                Row(sentences.Span, fold.Sentences[s], dim).CopyTo(foldSentences.AsSpan(s * dim, dim));
            var foldImages = images.Slice(fold.FirstImage * dim, foldSize * dim);
            metrics.Add(FromEmbeddings(foldImages, foldSentences, dim, fold.SentenceImage).Metrics);
        }

        return RetrievalMetrics.Mean(metrics);
    }

    /// <summary>COCO-style folds from a full [imageCount, sentenceCount] score matrix; see the embeddings overload.</summary>
    public static RetrievalMetrics MeanOverFolds(
        ReadOnlySpan<float> scores, int imageCount, int sentenceCount, IReadOnlyList<int> sentenceImage, int foldSize)
    {
        if (scores.Length != (long)imageCount * sentenceCount)
            throw new ArgumentException($"scores has {scores.Length} values; {imageCount} images x {sentenceCount} sentences needs {(long)imageCount * sentenceCount}.", nameof(scores));
        if (sentenceCount != sentenceImage.Count)
            throw new ArgumentException($"sentenceCount is {sentenceCount} but sentenceImage has {sentenceImage.Count} entries.", nameof(sentenceCount));
        var folds = Folds(imageCount, sentenceImage, foldSize);
        var metrics = new List<RetrievalMetrics>(folds.Count);
        foreach (var fold in folds)
        {
            int m = fold.Sentences.Length;
            float[] foldScores = new float[foldSize * m]; // [foldSize, fold M]
            for (int i = 0; i < foldSize; i++)
            {
                ReadOnlySpan<float> row = scores.Slice((fold.FirstImage + i) * sentenceCount, sentenceCount);
                for (int s = 0; s < m; s++)
                    foldScores[(i * m) + s] = row[fold.Sentences[s]];
            }

            metrics.Add(FromScores(foldScores, foldSize, m, fold.SentenceImage).Metrics);
        }

        return RetrievalMetrics.Mean(metrics);
    }

    // ---- internals -------------------------------------------------------------------------------------

    /// <summary>
    /// Dot product with a summation order fixed by the length alone. TensorPrimitives.Dot may change its order
    /// with the memory alignment of its inputs, so the same pair could score differently in the blocked and the
    /// full-matrix paths by an ulp, and ties (which decide ranks) would no longer be reproducible.
    /// Order: even vector chunks into one accumulator, odd chunks into another, a last odd chunk into the first,
    /// then the two added, their lanes summed left to right, then the scalar tail.
    /// </summary>
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int width = Vector<float>.Count, i = 0;
        Vector<float> even = Vector<float>.Zero, odd = Vector<float>.Zero;
        for (; i <= a.Length - (2 * width); i += 2 * width)
        {
            even += new Vector<float>(a.Slice(i)) * new Vector<float>(b.Slice(i));
            odd += new Vector<float>(a.Slice(i + width)) * new Vector<float>(b.Slice(i + width));
        }

        if (i <= a.Length - width)
        {
            even += new Vector<float>(a.Slice(i)) * new Vector<float>(b.Slice(i));
            i += width;
        }

        return Finish(even, odd, a, b, i);
    }

    /// <summary>
    /// Four image rows against one sentence: each pair gets exactly the arithmetic of <see cref="Dot"/>, interleaved
    /// so every load of the sentence serves four rows and the four accumulation chains overlap.
    /// </summary>
    private static void Dot4(
        ReadOnlySpan<float> a0, ReadOnlySpan<float> a1, ReadOnlySpan<float> a2, ReadOnlySpan<float> a3, ReadOnlySpan<float> b, Span<float> result)
    {
        int width = Vector<float>.Count, i = 0;
        Vector<float> e0 = Vector<float>.Zero, o0 = Vector<float>.Zero, e1 = Vector<float>.Zero, o1 = Vector<float>.Zero;
        Vector<float> e2 = Vector<float>.Zero, o2 = Vector<float>.Zero, e3 = Vector<float>.Zero, o3 = Vector<float>.Zero;
        for (; i <= b.Length - (2 * width); i += 2 * width)
        {
            var be = new Vector<float>(b.Slice(i));
            var bo = new Vector<float>(b.Slice(i + width));
            e0 += new Vector<float>(a0.Slice(i)) * be;
            o0 += new Vector<float>(a0.Slice(i + width)) * bo;
            e1 += new Vector<float>(a1.Slice(i)) * be;
            o1 += new Vector<float>(a1.Slice(i + width)) * bo;
            e2 += new Vector<float>(a2.Slice(i)) * be;
            o2 += new Vector<float>(a2.Slice(i + width)) * bo;
            e3 += new Vector<float>(a3.Slice(i)) * be;
            o3 += new Vector<float>(a3.Slice(i + width)) * bo;
        }

        if (i <= b.Length - width)
        {
            var be = new Vector<float>(b.Slice(i));
            e0 += new Vector<float>(a0.Slice(i)) * be;
            e1 += new Vector<float>(a1.Slice(i)) * be;
            e2 += new Vector<float>(a2.Slice(i)) * be;
            e3 += new Vector<float>(a3.Slice(i)) * be;
            i += width;
        }

        result[0] = Finish(e0, o0, a0, b, i);
        result[1] = Finish(e1, o1, a1, b, i);
        result[2] = Finish(e2, o2, a2, b, i);
        result[3] = Finish(e3, o3, a3, b, i);
    }

    private static float Finish(Vector<float> even, Vector<float> odd, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int tail)
    {
        Vector<float> acc = even + odd;
        float sum = 0;
        for (int lane = 0; lane < Vector<float>.Count; lane++)
            sum += acc[lane];
        for (int i = tail; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Scores images first..first+count against sentences j0..j1 into their columns of block [count, m].</summary>
    private static void ScoreTile(
        ReadOnlySpan<float> images, ReadOnlySpan<float> sentences, int dim, int first, int count, int j0, int j1, Span<float> block, int m)
    {
        Span<float> four = stackalloc float[4];
        int r = 0;
        for (; r + 4 <= count; r += 4)
        {
            ReadOnlySpan<float> a0 = Row(images, first + r, dim), a1 = Row(images, first + r + 1, dim);
            ReadOnlySpan<float> a2 = Row(images, first + r + 2, dim), a3 = Row(images, first + r + 3, dim);
            for (int j = j0; j < j1; j++)
            {
                Dot4(a0, a1, a2, a3, Row(sentences, j, dim), four);
                block[(r * m) + j] = four[0];
                block[((r + 1) * m) + j] = four[1];
                block[((r + 2) * m) + j] = four[2];
                block[((r + 3) * m) + j] = four[3];
            }
        }

        for (; r < count; r++)
        {
            ReadOnlySpan<float> image = Row(images, first + r, dim);
            for (int j = j0; j < j1; j++)
                block[(r * m) + j] = Dot(image, Row(sentences, j, dim));
        }
    }

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> matrix, int row, int dim) => matrix.Slice(row * dim, dim);

    internal static (int Images, int Sentences) CheckEmbeddings(ReadOnlyMemory<float> images, ReadOnlyMemory<float> sentences, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if (images.Length % dim != 0)
            throw new ArgumentException($"images has {images.Length} values, not a whole number of {dim}-d rows.", nameof(images));
        if (sentences.Length % dim != 0)
            throw new ArgumentException($"sentences has {sentences.Length} values, not a whole number of {dim}-d rows.", nameof(sentences));
        return (images.Length / dim, sentences.Length / dim);
    }

    private sealed record Fold(int FirstImage, int[] Sentences, int[] SentenceImage);

    private static List<Fold> Folds(int imageCount, IReadOnlyList<int> sentenceImage, int foldSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(foldSize);
        SentenceOwners.Build(imageCount, sentenceImage); // validates ids and that every image has a sentence
        if (imageCount % foldSize != 0)
            throw new ArgumentException(
                $"{imageCount} images do not split into folds of {foldSize}; a smaller last fold would be easier than the others and skew the mean.",
                nameof(foldSize));

        var sentences = new List<int>[imageCount / foldSize];
        for (int f = 0; f < sentences.Length; f++)
            sentences[f] = [];
        for (int j = 0; j < sentenceImage.Count; j++)
            sentences[sentenceImage[j] / foldSize].Add(j);

        return sentences
            .Select((list, f) => new Fold(f * foldSize, [.. list], [.. list.Select(j => sentenceImage[j] - (f * foldSize))]))
            .ToList();
    }

    /// <summary>Which sentences belong to which image, checked once (compressed rows: image i owns Sentences[Start[i]..Start[i+1]]).</summary>
    private sealed class SentenceOwners
    {
        public required int[] ImageOf { get; init; }
        public required int[] Start { get; init; }
        public required int[] Sentences { get; init; }
        public int ImageCount => Start.Length - 1;
        public int SentenceCount => ImageOf.Length;

        public ReadOnlySpan<int> Own(int image) => Sentences.AsSpan(Start[image], Start[image + 1] - Start[image]);

        public static SentenceOwners Build(int imageCount, IReadOnlyList<int> sentenceImage)
        {
            ArgumentNullException.ThrowIfNull(sentenceImage);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageCount);
            int[] imageOf = [.. sentenceImage];
            int[] start = new int[imageCount + 1];
            for (int j = 0; j < imageOf.Length; j++)
            {
                int image = imageOf[j];
                if ((uint)image >= (uint)imageCount)
                    throw new ArgumentException($"Sentence {j} belongs to image {image}, outside 0..{imageCount - 1}.", nameof(sentenceImage));
                start[image + 1]++;
            }

            for (int i = 0; i < imageCount; i++)
            {
                if (start[i + 1] == 0)
                    throw new ArgumentException($"Image {i} has no sentence; every evaluated image needs at least one (drop it from the split or caption it).", nameof(sentenceImage));
                start[i + 1] += start[i];
            }

            int[] next = start[..^1];
            int[] sentences = new int[imageOf.Length];
            for (int j = 0; j < imageOf.Length; j++)
                sentences[next[imageOf[j]]++] = j;
            return new SentenceOwners { ImageOf = imageOf, Start = start, Sentences = sentences };
        }
    }

    /// <summary>Accumulates ranks block by block; the same code ranks the full matrix and the blocked path.</summary>
    private sealed class Ranker(SentenceOwners owners)
    {
        private readonly int[] _imageRanks = new int[owners.ImageCount];
        private readonly int[] _imageBest = new int[owners.ImageCount];
        private readonly int[] _sentenceRanks = new int[owners.SentenceCount];

        /// <summary>Per sentence: the score of its own image (what other images must not reach).</summary>
        public float[] Targets { get; } = new float[owners.SentenceCount];

        /// <summary>i2t for one image, from its complete row of sentence scores.</summary>
        public void RankImage(int image, ReadOnlySpan<float> row)
        {
            ReadOnlySpan<int> own = owners.Own(image);
            int best = own[0];
            foreach (int j in own[1..])
            {
                // A NaN own score never wins over a real one.
                if (row[j] > row[best] || (float.IsNaN(row[best]) && !float.IsNaN(row[j])))
                    best = j;
            }

            float target = row[best];
            int ahead = CountNotBelow(row, target);
            foreach (int j in own)
            {
                if (!(row[j] < target))
                    ahead--; // own sentences are not competitors
            }

            _imageRanks[image] = ahead;
            _imageBest[image] = best;
        }

        /// <summary>t2i: adds, for sentences j0..j1, the images of a block [rows, M] that score at least as high as the sentence's own image.</summary>
        public void CountImagesAhead(ReadOnlySpan<float> block, int firstImage, int rows, int j0, int j1)
        {
            int m = owners.SentenceCount;
            for (int r = 0; r < rows; r++)
            {
                int image = firstImage + r;
                ReadOnlySpan<float> row = block.Slice(r * m, m);
                for (int j = j0; j < j1; j++)
                {
                    // "not below" counts ties and NaN as ahead: pessimistic.
                    if (!(row[j] < Targets[j]) && owners.ImageOf[j] != image)
                        _sentenceRanks[j]++;
                }
            }
        }

        public RetrievalResult Result() => new(
            new RetrievalMetrics(DirectionMetrics.FromRanks(_imageRanks), DirectionMetrics.FromRanks(_sentenceRanks)),
            _imageRanks,
            _imageBest,
            _sentenceRanks);

        private static int CountNotBelow(ReadOnlySpan<float> row, float target)
        {
            int count = 0;
            foreach (float score in row)
            {
                if (!(score < target))
                    count++;
            }

            return count;
        }
    }
}
