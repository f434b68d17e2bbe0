using Itm.Model.Losses;
using static TorchSharp.torch;

namespace Itm.Model.Tests.Losses;

/// <summary>
/// Small hand-sized batches for the loss tests, held as plain float rows so the oracle can recompute everything
/// in doubles with loops, plus the same data as tensors.
/// </summary>
internal sealed record LossFixture
{
    public const int Dim = 6;

    public required float[][] Images { get; init; }
    public required float[][] Texts { get; init; }
    public required long[] ImageIds { get; init; }
    public required float[][] ExtraImages { get; init; }
    public required long[] ExtraImageIds { get; init; }
    public required float[][] ExtraTexts { get; init; }
    public required long[] ExtraTextImageIds { get; init; }

    /// <summary>Null: candidates are masked by image only, as before sentence keys existed.</summary>
    public long[]? SentenceKeys { get; init; }
    public long[]? ExtraImageSentenceKeys { get; init; }
    public long[]? ExtraTextSentenceKeys { get; init; }

    /// <summary>
    /// 4 pairs of 4 different images. Sentences are their image plus noise, except the last, a bad caption near the
    /// opposite of its image: its anchors see every negative above their positive (the semi-hard fallback).
    /// </summary>
    public static LossFixture Distinct() => Build(seed: 7, ids: [10, 11, 12, 13]);

    /// <summary>Pairs 0 and 1 are two captions of one image (same id, same image row), so they must not be each other's negatives.</summary>
    public static LossFixture Duplicates() => Build(seed: 8, ids: [20, 20, 21, 22]);

    /// <summary>
    /// 4 pairs of 4 different images, pairs 0 and 1 captioned with one identical sentence (same key), as an icon's
    /// filled and outlined variants are; extras share keys with batch sentences too, so the identical-sentence rule
    /// masks in-batch and extra candidates of both terms. The two encodings of the sentence differ (dropout makes them
    /// differ in training too): equal rows would tie with the positive and make the unkeyed semi-hard choice a coin toss.
    /// </summary>
    public static LossFixture Identical() => Build(seed: 9, ids: [30, 31, 32, 33]) with
    {
        SentenceKeys = [100, 100, 101, 102],
        ExtraImageSentenceKeys = [102, 100, -1], // extra image 0 carries pair 3's sentence, image 1 pairs 0 and 1's
        ExtraTextSentenceKeys = [101, 103, 100], // extra text 0 is pair 2's sentence word for word
    };

    /// <summary><see cref="Duplicates"/> with keys: pairs 0 and 1 are two different captions of one image, pair 3's caption is pair 0's.</summary>
    public static LossFixture DuplicatesKeyed() => Duplicates() with
    {
        SentenceKeys = [200, 201, 202, 200],
        ExtraImageSentenceKeys = [201, -1, 200],
        ExtraTextSentenceKeys = [203, 202, 201],
    };

    public static LossFixture Named(string name) => name switch
    {
        "distinct" => Distinct(),
        "duplicates" => Duplicates(),
        "identical" => Identical(),
        "duplicates-keyed" => DuplicatesKeyed(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public RankingBatch ToBatch(bool requiresGrad = false) => new(
        ToTensor(Images, requiresGrad),
        ToTensor(Texts, requiresGrad),
        ImageIds,
        ToTensor(ExtraImages, requiresGrad),
        ExtraImageIds,
        ToTensor(ExtraTexts, requiresGrad),
        ExtraTextImageIds,
        SentenceKeys,
        ExtraImageSentenceKeys,
        ExtraTextSentenceKeys);

    public static Tensor ToTensor(float[][] rows, bool requiresGrad = false) =>
        tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]).requires_grad_(requiresGrad);

    private static LossFixture Build(int seed, long[] ids)
    {
        var rng = new Random(seed);
        var imageOf = new Dictionary<long, float[]>();
        float[][] images = [.. ids.Select(id => imageOf.TryGetValue(id, out var row) ? row : imageOf[id] = Unit(rng, null))];
        float[][] texts = [.. images.Select((image, i) => Unit(rng, i == ids.Length - 1 ? [.. image.Select(x => -x)] : image))];

        // K = 3 random extras, one of them close to a batch item so it is a hard negative; the last one shows the
        // batch's first image, so the masking of extras is exercised too.
        float[][] extraImages = [Unit(rng, texts[1]), Unit(rng, null), images[0]];
        long[] extraImageIds = [90, 91, ids[0]];
        float[][] extraTexts = [Unit(rng, images[2]), Unit(rng, null), Unit(rng, images[0])];
        long[] extraTextImageIds = [92, 93, ids[0]];
        return new LossFixture
        {
            Images = images, Texts = texts, ImageIds = ids,
            ExtraImages = extraImages, ExtraImageIds = extraImageIds,
            ExtraTexts = extraTexts, ExtraTextImageIds = extraTextImageIds,
        };
    }

    // A unit vector: random, or near `centre` (noise of norm ~0.9, enough that some sentences are closer to other images).
    private static float[] Unit(Random rng, float[]? centre)
    {
        double[] v = new double[Dim];
        for (int d = 0; d < Dim; d++)
            v[d] = (centre?[d] ?? 0) + ((centre is null ? 1 : 0.9 / Math.Sqrt(Dim)) * Gaussian(rng));
        double norm = Math.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => (float)(x / norm))];
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
