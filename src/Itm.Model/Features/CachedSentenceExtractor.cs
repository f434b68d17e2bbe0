using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Itm.Model.TextEncoders;

namespace Itm.Model.Features;

/// <summary>What a cached sentence extraction produced.</summary>
/// <param name="Vectors">One vector per input sentence, in input order; equal sentences share one array (never write to it).</param>
/// <param name="Distinct">Distinct sentences among the inputs: each is looked up or encoded once.</param>
/// <param name="CacheHits">Distinct sentences read back from the cache.</param>
/// <param name="Encoded">Distinct sentences run through the extractor.</param>
/// <param name="EncodeSeconds">Time spent in the extractor.</param>
public sealed record SentenceExtractionResult(IReadOnlyList<float[]> Vectors, int Distinct, int CacheHits, int Encoded, double EncodeSeconds)
{
    /// <summary>The extractor's throughput on this call; NaN when everything came from the cache.</summary>
    public double SentencesPerSecond => Encoded == 0 ? double.NaN : Encoded / Math.Max(1e-9, EncodeSeconds);
}

/// <summary>
/// Puts a <see cref="FeatureCache"/> in front of an <see cref="ISentenceFeatureExtractor"/>: each distinct sentence is
/// keyed by the SHA-256 of its UTF-8 text and the extractor's fingerprint, hits are read back, only the misses are
/// encoded (in chunks, each stored as soon as it is done, so a killed run keeps its progress), and everything is
/// returned in the order asked for. Without a cache it still encodes each distinct sentence once.
/// </summary>
public sealed class CachedSentenceExtractor
{
    private readonly ISentenceFeatureExtractor extractor;
    private readonly FeatureCache? cache;
    private readonly int chunkSize;

    /// <param name="cache">Null to keep nothing on disk (one-off queries).</param>
    /// <param name="chunkSize">Misses encoded and stored per chunk.</param>
    public CachedSentenceExtractor(ISentenceFeatureExtractor extractor, FeatureCache? cache, int chunkSize = 512)
    {
        this.extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        this.cache = cache;
        this.chunkSize = chunkSize;
    }

    /// <summary>The cache key of a sentence: lowercase hex SHA-256 of its exact UTF-8 text.</summary>
    public static string HashText(string sentence) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sentence)));

    /// <param name="progress">Input sentences done (equal sentences count together), after each lookup pass and chunk.</param>
    public SentenceExtractionResult Extract(IReadOnlyList<string> sentences, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var vectors = new float[sentences.Count][];
        var bySentence = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < sentences.Count; i++)
        {
            string sentence = sentences[i] ?? throw new ArgumentException($"Sentence {i} is null.", nameof(sentences));
            (bySentence.TryGetValue(sentence, out var list) ? list : bySentence[sentence] = []).Add(i);
        }

        int hits = 0;
        int done = 0;
        var misses = new List<string>();
        foreach (var (sentence, indices) in bySentence)
        {
            if (cache?.TryGet(HashText(sentence), extractor.Fingerprint, extractor.Dimension) is { } vector)
            {
                Fill(vectors, indices, vector);
                hits++;
                done += indices.Count;
            }
            else
            {
                misses.Add(sentence);
            }
        }

        progress?.Report(done);
        var clock = new Stopwatch();
        for (int start = 0; start < misses.Count; start += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = misses.GetRange(start, Math.Min(chunkSize, misses.Count - start));
            clock.Start();
            float[][] encoded = extractor.Extract(chunk, null, cancellationToken);
            clock.Stop();
            for (int k = 0; k < chunk.Count; k++)
            {
                if (encoded[k].Length != extractor.Dimension)
                {
                    throw new InvalidDataException($"{extractor.Name} returned a {encoded[k].Length}-d vector; it declares {extractor.Dimension}.");
                }

                cache?.Put(HashText(chunk[k]), extractor.Fingerprint, encoded[k]);
                var indices = bySentence[chunk[k]];
                Fill(vectors, indices, encoded[k]);
                done += indices.Count;
            }

            progress?.Report(done);
        }

        return new SentenceExtractionResult(vectors, bySentence.Count, hits, misses.Count, clock.Elapsed.TotalSeconds);
    }

    private static void Fill(float[][] vectors, List<int> indices, float[] vector)
    {
        foreach (int i in indices)
        {
            vectors[i] = vector;
        }
    }
}
