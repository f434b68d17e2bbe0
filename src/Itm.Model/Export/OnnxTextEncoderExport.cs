using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.Export;

/// <summary>
/// The text channel as an ONNX graph: the model's text encoder's own nodes (its spec's
/// <see cref="Catalog.TextEncoderSpec.ExportGraph"/>), then <see cref="OnnxLayers.JointOutput"/>. The helpers below are
/// shared by the encoders that read padded id rows.
/// </summary>
internal static class OnnxTextEncoderExport
{
    public const string IdsInput = "ids";
    public const string LengthsInput = "lengths";
    public const string SentenceVectorsInput = "sentence_vectors";

    /// <summary>The first caller step of every encoder that reads tokens.</summary>
    public const string TokenizeStep =
        "Tokenise the sentence with Itm.Data.Text.Tokenizer.Tokenize (NFKC, lower case, words of letters and digits, punctuation dropped).";

    /// <summary>The last caller step of every encoder that reads padded id rows.</summary>
    public const string StackIdsStep = "Stack the sentences into ids [batch, length], padding each row after its ids with 0, and give their lengths.";

    public static (byte[] Model, OnnxEncoderInfo Info) Build(JointEmbeddingModel model, JointEmbeddingOptions options, string file)
    {
        var weights = new ModelWeights(model);
        var g = new OnnxGraphBuilder("text");
        var encoder = options.Text.Model;
        var graph = encoder.ExportGraph(g, weights);
        long dim = options.Dim;
        bool prior = options.Prior == QueryPrior.Search;
        var allSteps = graph.Steps.Concat(OnnxLayers.JointOutput(g, weights, graph.Output, prior, dim, options.Text.Model.Parts(options.Text))).ToList();
        var bytes = g.ToModel(
            "itm_text_encoder",
            $"itm {encoder.Name} text encoder: {string.Join("; ", allSteps)}.",
            new Dictionary<string, string> { ["itm.text_model"] = encoder.Name, ["itm.dim"] = $"{dim}", ["itm.prior"] = PriorName(options.Prior) });
        var info = new OnnxEncoderInfo(file, encoder.Name, graph.Inputs, OnnxLayers.EmbeddingInfo(dim, prior), encoder.ExportCallerSteps, allSteps);
        return (bytes, info);
    }

    public static string PriorName(QueryPrior prior) => prior.ToString().ToLowerInvariant();

    public static (string Ids, string Lengths, IReadOnlyList<OnnxTensorInfo> Info) IdInputs(OnnxGraphBuilder g, string idsDoc)
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

    /// <summary>
    /// EmbeddingBag(sum) with per-id weight 1/sqrt(max(1, n)), <c>[B, H]</c>: a Gather of the padded ids' rows of
    /// <paramref name="table"/>, weighted by a mask built from <paramref name="lengths"/>, summed over the length axis.
    /// </summary>
    public static string WeightedBag(OnnxGraphBuilder g, ModelWeights w, string table, string ids, string lengths)
    {
        var rows = g.Node("Gather", [w.Constant(g, table), ids], OnnxAttr.Int("axis", 0));                       // [B, L, H]
        var mask = g.Node("Cast", [LengthMask(g, ids, lengths)], OnnxAttr.Int("to", (long)OnnxDataType.Float)); // [B, L]

        // The per-id weight, computed as itm computes it in float: 1f / MathF.Sqrt(Math.Max(1, n)).
        var n = g.Node("Max", [g.Node("Cast", [lengths], OnnxAttr.Int("to", (long)OnnxDataType.Float)), g.Scalar("one", 1f)]);
        var perId = g.Node("Div", [g.Scalar("one", 1f), g.Node("Sqrt", [n])]);                                  // [B]
        var weights = g.Node("Mul", [mask, Unsqueeze(g, perId, 1)]);                                             // [B, L]
        var weighted = g.Node("Mul", [rows, Unsqueeze(g, weights, 2)]);                                          // [B, L, H]
        return g.Node("ReduceSum", [weighted, g.Constant("axis1", [1L], 1)], OnnxAttr.Int("keepdims", 0));      // [B, H]
    }

    /// <summary>Declares the <see cref="SentenceVectorsInput"/> input, <c>[batch, width]</c> MiniLM vectors, and describes it.</summary>
    /// <summary>
    /// The two inputs of the encoders that read ids and a MiniLM vector (the hybrid and the late fusion), and what both
    /// make of them first, <c>[B, H]</c> each: the weighted bag of <c>text.bag.weight</c>, and the linear map
    /// <c>text.vector.weight</c> of the vector layer-normalised by <c>text.inputNorm</c>.
    /// </summary>
    public static (IReadOnlyList<OnnxTensorInfo> Inputs, string Words, string Sentence) BagAndSentence(OnnxGraphBuilder g, ModelWeights w)
    {
        var (ids, lengths, idInputs) = IdInputs(g, "feature ids of the sentence (any order), padded after its length with 0");
        var (vectors, vectorInfo) = SentenceVectors(g, w.Shape("text.inputNorm.weight")[0]);
        var words = WeightedBag(g, w, "text.bag.weight", ids, lengths);
        var sentence = g.Node("MatMul", [OnnxLayers.LayerNorm(g, w, "text.inputNorm", vectors), g.Node("Transpose", [w.Constant(g, "text.vector.weight")])]);
        return ([.. idInputs, vectorInfo], words, sentence);
    }

    public static (string Name, OnnxTensorInfo Info) SentenceVectors(OnnxGraphBuilder g, long width)
    {
        g.Input(SentenceVectorsInput, OnnxDataType.Float, ["batch", width], "all-MiniLM-L6-v2 sentence vectors (mean-pooled, L2-normalised)");
        return (SentenceVectorsInput, new(SentenceVectorsInput, "float32", ["batch", $"{width}"],
            "The sentence's all-MiniLM-L6-v2 vector (384-d, mean-pooled and L2-normalised), computed as the text encoder's sentenceEncoder says."));
    }

    /// <summary>
    /// <c>[B, 1]</c> float: 1 where a sentence's real ids hold a feature of the table (an id above the unknown id 0), 0
    /// where the featurizer wrote only [0], as <see cref="TextEncoders.LateFusionTextEncoder.HasKnownFeature"/> decides.
    /// </summary>
    public static string KnownFeatureMask(OnnxGraphBuilder g)
    {
        var realIds = g.Node("Where", [LengthMask(g, IdsInput, LengthsInput), IdsInput, g.Constant("zero_i64", [0L])]);       // [B, L]
        var largest = g.Node("ReduceMax", [realIds], OnnxAttr.Ints("axes", 1), OnnxAttr.Int("keepdims", 1));                 // [B, 1]
        return g.Node("Cast", [g.Node("Greater", [largest, g.Constant("zero_i64", [0L])])], OnnxAttr.Int("to", (long)OnnxDataType.Float));
    }

    /// <summary><c>[B, L]</c> bool: position &lt; length.</summary>
    public static string LengthMask(OnnxGraphBuilder g, string ids, string lengths)
    {
        var length = g.Node("Squeeze", [g.Node("Shape", [ids], OnnxAttr.Int("start", 1), OnnxAttr.Int("end", 2)), g.Constant("axis0", [0L], 1)]);
        var positions = g.Node("Range", [g.Constant("zero_i64", [0L]), length, g.Constant("one_i64", [1L])]);   // [L]
        return g.Node("Less", [Unsqueeze(g, positions, 0), Unsqueeze(g, lengths, 1)]);                          // [1, L] < [B, 1]
    }

    public static string Unsqueeze(OnnxGraphBuilder g, string x, long axis) => g.Node("Unsqueeze", [x, g.Constant($"axis{axis}", [axis], 1)]);
}
