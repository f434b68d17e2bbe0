using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.TextEncoders;

/// <summary>SSE, the paper's sequence encoder: <see cref="SequenceEncoder"/> over word ids in sentence order.</summary>
public sealed class SequenceEncoderSpec : TextEncoderSpec
{
    public static readonly SequenceEncoderSpec Sse = new();

    private SequenceEncoderSpec()
    {
    }

    public override string Name => "sse";

    public override string Summary => "sequence encoder: word embeddings + bidirectional GRU";

    public override TextInputKind Input => TextInputKind.WordSequence;

    public override IReadOnlyList<string> OptionsUsed =>
    [
        nameof(TextEncoderOptions.WordDim), nameof(TextEncoderOptions.GruDim), nameof(TextEncoderOptions.MaxTokens),
        nameof(TextEncoderOptions.MinCount), nameof(TextEncoderOptions.Dropout),
    ];

    public override IReadOnlyList<string> ManifestAliases => ["sse"];

    public override TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim) =>
        new SequenceEncoder(featureCount, options.WordDim, options.GruDim, jointDim, options.Dropout);

    public override ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens) =>
        new SequenceFeaturizer(Vocabulary.Build(trainingTokens, options.MinCount), options.MaxTokens);

    /// <summary>
    /// Embedding, bidirectional GRU over the first <c>lengths</c> steps of each sentence (ONNX GRU with sequence_lens,
    /// which runs the reverse direction from each sentence's own last word, as a packed sequence does), the last
    /// forward and backward states concatenated, Linear.
    /// </summary>
    internal override OnnxEncoderGraph ExportGraph(OnnxGraphBuilder g, ModelWeights w)
    {
        var (ids, lengths, inputs) = OnnxTextEncoderExport.IdInputs(g, "word ids in sentence order, padded after its length with 0 (the vocabulary's pad id)");
        var words = g.Node("Gather", [w.Constant(g, "text.embedding.weight"), ids], OnnxAttr.Int("axis", 0)); // [B, L, E]
        var timeMajor = g.Node("Transpose", [words], OnnxAttr.Ints("perm", 1, 0, 2));                        // [L, B, E]

        // itm runs every sentence for at least one step (an empty one reads its pad id).
        var steps = g.Node("Cast", [g.Node("Max", [lengths, g.Constant("one_i64", [1L])])], OnnxAttr.Int("to", (long)OnnxDataType.Int32));
        long hiddenDim = w.Shape("text.gru.weight_hh_l0")[1];
        var (wih, whh, bias) = GruWeights(g, w, hiddenDim);
        var outputs = g.Node("GRU", [timeMajor, wih, whh, bias, steps], 2,
            [OnnxAttr.String("direction", "bidirectional"), OnnxAttr.Int("hidden_size", hiddenDim), OnnxAttr.Int("linear_before_reset", 1)],
            skip: new HashSet<int> { 0 });                                                                  // Y_h: [2, B, H]
        var batchMajor = g.Node("Transpose", [outputs[1]], OnnxAttr.Ints("perm", 1, 0, 2));                    // [B, 2, H]
        var both = g.Node("Reshape", [batchMajor, g.Constant("shape_b_2h", [0L, 2 * hiddenDim], 2)]);          // [B, 2H]: forward, backward
        var x = OnnxLayers.Linear(g, w, "text.output", both);                                                 // [B, D]
        return new OnnxEncoderGraph(inputs,
            ["word embedding", "bidirectional GRU over the first `lengths` steps (linear_before_reset = 1)", "last forward and backward states concatenated", "linear to D"],
            x);
    }

    public override IReadOnlyList<string> ExportCallerSteps =>
    [
        OnnxTextEncoderExport.TokenizeStep,
        "Map each token to its id in the vocabulary of text-features.json (unknown words: id 1), keep at most maxLength ids; an empty sentence is [1].",
        OnnxTextEncoderExport.StackIdsStep,
    ];

    /// <summary>
    /// PyTorch keeps a GRU's gates in the order reset, update, new (r, z, n); ONNX in the order update, reset, hidden
    /// (z, r, h). The weights are the same blocks of rows, reordered; ONNX's bias is [Wb; Rb] per direction.
    /// </summary>
    private static (string W, string R, string B) GruWeights(OnnxGraphBuilder g, ModelWeights w, long hiddenDim)
    {
        int h = checked((int)hiddenDim);
        float[] Reorder(float[] rows)
        {
            int block = rows.Length / 3;   // one gate's rows
            var result = new float[rows.Length];
            Array.Copy(rows, block, result, 0, block);          // z
            Array.Copy(rows, 0, result, block, block);          // r
            Array.Copy(rows, 2 * block, result, 2 * block, block); // n → h
            return result;
        }

        float[] Both(string name) =>
            [.. Reorder(w.Values($"text.gru.{name}_l0")), .. Reorder(w.Values($"text.gru.{name}_l0_reverse"))];

        long inputDim = w.Shape("text.gru.weight_ih_l0")[1];
        var wih = g.Constant("gru_W", Both("weight_ih"), 2, 3 * hiddenDim, inputDim);
        var whh = g.Constant("gru_R", Both("weight_hh"), 2, 3 * hiddenDim, hiddenDim);
        float[] bias =
        [
            .. Reorder(w.Values("text.gru.bias_ih_l0")), .. Reorder(w.Values("text.gru.bias_hh_l0")),
            .. Reorder(w.Values("text.gru.bias_ih_l0_reverse")), .. Reorder(w.Values("text.gru.bias_hh_l0_reverse")),
        ];
        return (wih, whh, g.Constant("gru_B", bias, 2, 6 * h));
    }
}
