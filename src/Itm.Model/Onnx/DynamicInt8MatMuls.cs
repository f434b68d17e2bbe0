using System.Runtime.InteropServices;
using static Itm.Model.Onnx.OnnxFields;

namespace Itm.Model.Onnx;

/// <summary>What <see cref="DynamicInt8MatMuls.Quantise"/> changed.</summary>
/// <param name="MatMuls">Matrix products with a stored right-hand side that now run in int8.</param>
/// <param name="BiasesFolded">Of those, how many took the bias Add that followed them into the same operator.</param>
/// <param name="FloatWeightBytes">The bytes of float weights replaced.</param>
/// <param name="Int8WeightBytes">The bytes of int8 weights and scales that replaced them.</param>
public sealed record MatMulQuantisationReport(int MatMuls, int BiasesFolded, long FloatWeightBytes, long Int8WeightBytes);

/// <summary>
/// Dynamic int8 quantisation of a transformer's matrix products, done on the ONNX file: every MatMul whose right-hand
/// side is a stored 2-D float weight becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>, with the weight
/// in int8 per column (<see cref="Int8Weights"/>) and the left-hand side quantised to uint8 per call from its own range,
/// so no calibration set is needed. A bias Add that only that product feeds is folded into the operator. Everything
/// else (attention's products of two activations, LayerNorm, Softmax, GELU) stays in float and is copied byte for byte.
/// This is the scheme of ONNX Runtime's own <c>quantize_dynamic</c> with per-channel weights.
/// </summary>
internal static class DynamicInt8MatMuls
{
    public const string MicrosoftDomain = "com.microsoft";

    /// <summary>Names the scheme in fingerprints: change it whenever the quantised graph could compute something else.</summary>
    public const string Scheme = "dynamic-int8-matmul|weights-int8-per-column-symmetric|inputs-uint8-per-call|bias-folded|v2-weights-7-bit";

    private const string Operator = "DynamicQuantizeMatMul";

    public static byte[] Quantise(ReadOnlySpan<byte> model, out MatMulQuantisationReport report)
    {
        var graph = OnnxModelFile.FindGraph(model);
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var graphOutputs = new HashSet<string>(StringComparer.Ordinal);
        var reader = new ProtoReader(graph);
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case GraphNode:
                    nodes.Add(OnnxModelFile.ReadNode(field.Payload));
                    break;
                case GraphInitializer:
                    initializers[ProtoReader.FindString(field.Payload, TensorName)] = field.Payload.ToArray();
                    break;
                case GraphOutput:
                    graphOutputs.Add(ProtoReader.FindString(field.Payload, ValueInfoName));
                    break;
            }
        }

        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var input in node.Inputs.Where(i => i.Length > 0))
            {
                (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(node);
            }
        }

        var plans = new Dictionary<OnnxNode, Plan>(ReferenceEqualityComparer.Instance);
        var foldedAdds = new HashSet<OnnxNode>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            if (node.OpType != "MatMul" || node.Domain.Length > 0 || node.Inputs.Count != 2
                || !TryFloatMatrix(initializers, node.Inputs[1], out var weight))
            {
                continue;
            }

            var columns = weight.Dimensions[1];
            var add = BiasAddAfter(node, columns, consumers, initializers, graphOutputs);
            if (add is not null)
            {
                foldedAdds.Add(add.Value.Add);
            }

            plans[node] = new Plan(weight, add?.Bias, add?.Add.Outputs[0] ?? node.Outputs[0]);
        }

        // A weight is dropped once nothing but quantised products reads it (a shared weight read by another operator stays).
        var quantisedWeights = plans.Values.Select(p => p.Weight.Name).ToHashSet(StringComparer.Ordinal);
        var dropped = quantisedWeights.Where(w => consumers[w].All(plans.ContainsKey) && !graphOutputs.Contains(w)).ToHashSet(StringComparer.Ordinal);

        long floatBytes = 0, int8Bytes = 0;
        var written = new ProtoWriter(graph.Length);
        var newInitializers = new ProtoWriter(graph.Length / 3);
        var int8Names = new Dictionary<string, (string Values, string Scales)>(StringComparer.Ordinal);
        var nodeIndex = 0;
        reader = new ProtoReader(graph);
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case GraphNode:
                    var node = nodes[nodeIndex++];
                    if (foldedAdds.Contains(node))
                    {
                        continue;
                    }

                    if (!plans.TryGetValue(node, out var plan))
                    {
                        written.WriteRaw(field.Encoded);
                        continue;
                    }

                    if (!int8Names.TryGetValue(plan.Weight.Name, out var names))
                    {
                        var (values, scales) = Int8Weights.PerChannel(plan.Weight, axis: 1);
                        names = ($"{plan.Weight.Name}/int8", $"{plan.Weight.Name}/int8_scale");
                        newInitializers.WriteMessage(GraphInitializer, OnnxGraphBuilder.TensorProto(names.Values, OnnxDataType.Int8, MemoryMarshal.AsBytes(values.AsSpan()), plan.Weight.Dimensions));
                        newInitializers.WriteMessage(GraphInitializer, OnnxGraphBuilder.TensorProto(names.Scales, OnnxDataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), [scales.Length]));
                        int8Names[plan.Weight.Name] = names;
                        floatBytes += plan.Weight.Values.Length * sizeof(float);
                        int8Bytes += values.Length + scales.Length * sizeof(float);
                    }

                    // Inputs: A, B (int8), b_scale (per column), b_zero_point (omitted: symmetric), bias (optional).
                    string[] inputs = plan.Bias is null ? [node.Inputs[0], names.Values, names.Scales] : [node.Inputs[0], names.Values, names.Scales, string.Empty, plan.Bias];
                    written.WriteMessage(GraphNode, Node(node.Name, inputs, plan.Output));
                    break;
                case GraphInitializer when dropped.Contains(ProtoReader.FindString(field.Payload, TensorName)):
                case GraphInput when dropped.Contains(ProtoReader.FindString(field.Payload, ValueInfoName)):
                    break;   // IR 3 files also list weights among the inputs; a dropped weight leaves both.
                default:
                    written.WriteRaw(field.Encoded);
                    break;
            }
        }

        written.WriteRaw(newInitializers.AsSpan());
        report = new MatMulQuantisationReport(plans.Count, plans.Values.Count(p => p.Bias is not null), floatBytes, int8Bytes);
        return WithGraphAndMicrosoftOpset(model, written);
    }

    private static bool TryFloatMatrix(Dictionary<string, byte[]> initializers, string name, out OnnxFloatTensor weight)
    {
        weight = null!;
        if (!initializers.TryGetValue(name, out var payload) || ProtoReader.FindVarint(payload, TensorDataType) != DataTypeFloat)
        {
            return false;
        }

        weight = OnnxModelFile.ReadFloatTensor(payload, name);
        return weight.Dimensions.Length == 2;
    }

    /// <summary>The Add that adds a stored [N] float vector to <paramref name="matMul"/>'s output, when it is that output's only reader.</summary>
    private static (OnnxNode Add, string Bias)? BiasAddAfter(
        OnnxNode matMul, long columns, Dictionary<string, List<OnnxNode>> consumers, Dictionary<string, byte[]> initializers, HashSet<string> graphOutputs)
    {
        var product = matMul.Outputs[0];
        if (graphOutputs.Contains(product) || !consumers.TryGetValue(product, out var readers) || readers.Count != 1)
        {
            return null;
        }

        var add = readers[0];
        if (add.OpType != "Add" || add.Domain.Length > 0 || add.Inputs.Count != 2)
        {
            return null;
        }

        var bias = add.Inputs[0] == product ? add.Inputs[1] : add.Inputs[0];
        if (bias == product || !initializers.TryGetValue(bias, out var payload) || ProtoReader.FindVarint(payload, TensorDataType) != DataTypeFloat)
        {
            return null;
        }

        var tensor = OnnxModelFile.ReadFloatTensor(payload, bias);
        return tensor.Dimensions is [var n] && n == columns ? (add, bias) : null;
    }

    private static ProtoWriter Node(string name, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.WriteString(NodeInput, input);
        }

        node.WriteString(NodeOutput, output);
        node.WriteString(NodeName, name);
        node.WriteString(NodeOpType, Operator);
        node.WriteString(NodeDomain, MicrosoftDomain);
        return node;
    }

    /// <summary>The model with its graph replaced and the com.microsoft operator set imported (once).</summary>
    private static byte[] WithGraphAndMicrosoftOpset(ReadOnlySpan<byte> model, ProtoWriter graph)
    {
        var writer = new ProtoWriter(model.Length);
        var imported = false;
        var reader = new ProtoReader(model);
        while (reader.TryRead(out var field))
        {
            if (field.Number == ModelGraph)
            {
                writer.WriteMessage(ModelGraph, graph);
                continue;
            }

            imported |= field.Number == ModelOpsetImport && ProtoReader.FindString(field.Payload, OpsetDomain) == MicrosoftDomain;
            writer.WriteRaw(field.Encoded);
        }

        if (!imported)
        {
            var opset = new ProtoWriter();
            opset.WriteString(OpsetDomain, MicrosoftDomain);
            opset.WriteVarint(OpsetVersion, 1);
            writer.WriteMessage(ModelOpsetImport, opset);
        }

        return writer.ToArray();
    }

    private sealed record Plan(OnnxFloatTensor Weight, string? Bias, string Output);
}
