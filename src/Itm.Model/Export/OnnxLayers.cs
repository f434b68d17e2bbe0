using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using static TorchSharp.torch;

namespace Itm.Model.Export;

/// <summary>
/// A trained model's weights by state-dict key (the pinned contract of model folders, e.g. <c>text.output.weight</c>),
/// copied out as plain arrays.
/// </summary>
internal sealed class ModelWeights
{
    private readonly Dictionary<string, Tensor> state;

    public ModelWeights(JointEmbeddingModel model) => state = model.state_dict();

    public bool Has(string key) => state.ContainsKey(key);

    public long[] Shape(string key) => Get(key).shape;

    public float[] Values(string key)
    {
        using var scope = NewDisposeScope();
        return Get(key).detach().cpu().to(float32).contiguous().data<float>().ToArray();
    }

    /// <summary>The weight as a float constant of the same shape; returns its name in the graph.</summary>
    public string Constant(OnnxGraphBuilder graph, string key) =>
        graph.Constant(key, Values(key), Shape(key));

    private Tensor Get(string key) => state.TryGetValue(key, out var tensor)
        ? tensor
        : throw new InvalidOperationException(
            $"The model has no weight '{key}' (it has {string.Join(", ", state.Keys.Take(12))}...): this exporter does not match the model's encoder.");
}

/// <summary>The layers both encoders are built from, in ONNX form, each reading its weights under a state-dict prefix.</summary>
internal static class OnnxLayers
{
    /// <summary>PyTorch's and TorchSharp's default for LayerNorm and BatchNorm; itm's encoders keep it.</summary>
    public const float NormEpsilon = 1e-5f;

    /// <summary>The epsilon of <c>F.normalize</c>: <c>x / max(||x||, 1e-12)</c>.</summary>
    public const float L2Epsilon = 1e-12f;

    /// <summary><c>nn.Linear</c>: <c>x W^T + b</c>, <c>[B, in]</c> → <c>[B, out]</c>.</summary>
    public static string Linear(OnnxGraphBuilder g, ModelWeights w, string prefix, string x) =>
        g.Node("Gemm", [x, w.Constant(g, prefix + ".weight"), w.Constant(g, prefix + ".bias")], OnnxAttr.Int("transB", 1));

    /// <summary><c>nn.LayerNorm</c> over the last dimension.</summary>
    public static string LayerNorm(OnnxGraphBuilder g, ModelWeights w, string prefix, string x) =>
        g.Node("LayerNormalization", [x, w.Constant(g, prefix + ".weight"), w.Constant(g, prefix + ".bias")],
            OnnxAttr.Int("axis", -1), OnnxAttr.Float("epsilon", NormEpsilon));

    public static string Relu(OnnxGraphBuilder g, string x) => g.Node("Relu", [x]);

    /// <summary><c>nn.BatchNorm2d</c> in evaluation mode: the running statistics, not the batch's.</summary>
    public static string BatchNorm(OnnxGraphBuilder g, ModelWeights w, string prefix, string x) =>
        g.Node("BatchNormalization",
            [x, w.Constant(g, prefix + ".weight"), w.Constant(g, prefix + ".bias"), w.Constant(g, prefix + ".running_mean"), w.Constant(g, prefix + ".running_var")],
            OnnxAttr.Float("epsilon", NormEpsilon));

    /// <summary>A 3×3 convolution, stride 1, padding 1, without bias (the map keeps its size).</summary>
    public static string Conv3x3(OnnxGraphBuilder g, ModelWeights w, string key, string x) =>
        g.Node("Conv", [x, w.Constant(g, key)],
            OnnxAttr.Ints("kernel_shape", 3, 3), OnnxAttr.Ints("pads", 1, 1, 1, 1), OnnxAttr.Ints("strides", 1, 1));

    /// <summary>
    /// The joint model's last step, written to the graph output <c>embedding</c> <c>[batch, D]</c>: L2 normalisation as
    /// <c>F.normalize(x, p: 2, dim: 1)</c> computes it (of each part's slice, scaled by sqrt(share), when the joint space has
    /// several: <see cref="JointParts"/>), plus the learned prior when this side is the prior's query side.
    /// </summary>
    /// <returns>The in-graph steps, for the description.</returns>
    public static IReadOnlyList<string> JointOutput(OnnxGraphBuilder g, ModelWeights w, string x, bool addPrior, long dim, JointParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        string unit;
        var steps = new List<string>();
        if (parts.Count == 1)
        {
            unit = UnitLength(g, x, axis: 1);
            steps.Add("L2 normalisation: x / max(||x||, 1e-12)");
        }
        else
        {
            long k = parts.Count;
            var slices = g.Node("Reshape", [x, g.Constant("part_shape", [0L, k, dim / k], 3)]);                          // [B, K, D/K]
            var scaled = g.Node("Mul", [UnitLength(g, slices, axis: 2), g.Constant("part_scales", parts.SquareRoots(), 1, k, 1)]);
            unit = g.Node("Reshape", [scaled, g.Constant("joint_shape", [0L, dim], 2)]);                               // [B, D]
            steps.Add($"L2 normalisation of each of the {k} equal slices (x / max(||x||, 1e-12)), each scaled by sqrt of its share ({parts})");
        }

        if (addPrior)
        {
            g.NodeNamed(null, "Add", [unit, w.Constant(g, "prior")], [OnnxExport.EmbeddingOutput]);
            steps.Add("+ the model's learned query prior (a constant [D] vector)");
        }
        else
        {
            g.NodeNamed(null, "Identity", [unit], [OnnxExport.EmbeddingOutput]);
        }

        g.Output(OnnxExport.EmbeddingOutput, OnnxDataType.Float, ["batch", dim],
            addPrior ? "joint-space vector: unit length plus the model's query prior" : "joint-space vector, unit length");
        return steps;
    }

    /// <summary><c>x / max(||x||, 1e-12)</c> along <paramref name="axis"/>, as <c>F.normalize</c>.</summary>
    private static string UnitLength(OnnxGraphBuilder g, string x, long axis)
    {
        var norm = g.Node("ReduceL2", [x], OnnxAttr.Ints("axes", axis), OnnxAttr.Int("keepdims", 1));
        return g.Node("Div", [x, g.Node("Max", [norm, g.Scalar("l2_epsilon", L2Epsilon)])]);
    }

    /// <summary>The description of the <c>embedding</c> output.</summary>
    public static OnnxTensorInfo EmbeddingInfo(long dim, bool withPrior) => new(
        OnnxExport.EmbeddingOutput, "float32", ["batch", dim.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        withPrior
            ? "The joint-space vector: L2-normalised as itm normalises it, plus the model's learned query prior (so not unit length)."
            : "The joint-space vector, L2-normalised as itm normalises it; the dot product with the other encoder's output is itm's score.");
}
