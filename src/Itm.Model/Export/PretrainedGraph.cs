using Itm.Model.Onnx;
using static Itm.Model.Onnx.OnnxFields;

namespace Itm.Model.Export;

/// <summary>
/// Copies a pretrained network's nodes and weights, as its ONNX file encodes them, into a new graph: the part of its
/// graph that computes one tensor, reading a tensor of the new graph as its input. The batch dimension is free because
/// no shape annotation is copied. The file's operators are kept only where their meaning is the same in opset 17
/// (BatchNormalization loses its opset-8 <c>spatial</c> attribute, which must be 1, the only behaviour later opsets have).
/// </summary>
internal static class PretrainedGraph
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "Conv", "BatchNormalization", "Relu", "MaxPool", "AveragePool", "GlobalAveragePool", "Add",
        "QuantizeLinear", "DequantizeLinear",   // an int8 network's QDQ pairs (ResNet18Featurizer.Int8Graph)
    };

    private sealed record Node(byte[] Payload, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

    /// <summary>Copies what computes <paramref name="target"/> (the graph's output when null), fed by <paramref name="input"/>; returns the target's name.</summary>
    public static string Copy(OnnxGraphBuilder g, byte[] model, string modelPath, string input, string? target)
    {
        var (nodes, initializers, graphInputs, graphOutputs) = Read(model, modelPath);
        var imageInputs = graphInputs.Where(name => !initializers.ContainsKey(name)).ToList();
        if (imageInputs.Count != 1 || graphOutputs.Count != 1)
        {
            throw new InvalidDataException($"'{modelPath}' has {imageInputs.Count} inputs and {graphOutputs.Count} outputs; an image network has one of each.");
        }

        target ??= graphOutputs[0];
        var producers = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var output in node.Outputs)
            {
                producers[output] = node;
            }
        }

        // The nodes the target depends on, found backwards from it.
        var needed = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<string>([target]);
        while (pending.TryPop(out var tensor))
        {
            if (producers.TryGetValue(tensor, out var node) && needed.Add(node))
            {
                foreach (var i in node.Inputs)
                {
                    pending.Push(i);
                }
            }
        }

        if (needed.Count == 0)
        {
            throw new InvalidDataException($"'{modelPath}' computes no tensor '{target}'.");
        }

        g.NodeNamed(null, "Identity", [input], [imageInputs[0]]);
        var copied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(needed.Contains))
        {
            if (!Operators.Contains(node.OpType))
            {
                throw new NotSupportedException(
                    $"'{modelPath}' uses the operator {node.OpType}, which the ONNX export does not carry over (it copies {string.Join(", ", Operators)}).");
            }

            g.RawNode(Translate(node, modelPath));
            foreach (var name in node.Inputs.Where(initializers.ContainsKey))
            {
                if (copied.Add(name))
                {
                    g.RawInitializer(initializers[name]);
                }
            }
        }

        return target;
    }

    private static (List<Node>, Dictionary<string, byte[]>, List<string>, List<string>) Read(byte[] model, string modelPath)
    {
        ReadOnlySpan<byte> graph = default;
        var reader = new ProtoReader(model);
        while (reader.TryRead(out var field))
        {
            if (field.Number == ModelGraph && field.WireType == WireType.LengthDelimited)
            {
                graph = field.Payload;
            }
            else if (field.Number == ModelOpsetImport)
            {
                CheckOpset(field.Payload, modelPath);
            }
        }

        var nodes = new List<Node>();
        var initializers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var graphReader = new ProtoReader(graph);
        while (graphReader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case GraphNode:
                    nodes.Add(ReadNode(field.Payload, modelPath));
                    break;
                case GraphInitializer:
                    initializers[StringField(field.Payload, TensorName)] = field.Payload.ToArray();
                    break;
                case GraphInput:
                    inputs.Add(StringField(field.Payload, ValueInfoName));
                    break;
                case GraphOutput:
                    outputs.Add(StringField(field.Payload, ValueInfoName));
                    break;
            }
        }

        if (nodes.Count == 0)
        {
            throw new InvalidDataException($"'{modelPath}' has no graph nodes: it is not an ONNX model.");
        }

        return (nodes, initializers, inputs, outputs);
    }

    private static void CheckOpset(ReadOnlySpan<byte> opset, string modelPath)
    {
        var (domain, version) = (string.Empty, 0UL);
        var reader = new ProtoReader(opset);
        while (reader.TryRead(out var field))
        {
            if (field.Number == OpsetDomain)
            {
                domain = field.PayloadString;
            }
            else if (field.Number == OpsetVersion)
            {
                version = field.Scalar;
            }
        }

        if (domain is not ("" or "ai.onnx") || version > (ulong)OnnxGraphBuilder.Opset)
        {
            throw new NotSupportedException(
                $"'{modelPath}' imports opset {version} of domain '{domain}'; the export writes opset {OnnxGraphBuilder.Opset} of the default domain.");
        }
    }

    private static Node ReadNode(ReadOnlySpan<byte> payload, string modelPath)
    {
        var node = OnnxModelFile.ReadNode(payload);
        return node.Domain is "" or "ai.onnx"
            ? new Node(payload.ToArray(), node.OpType, node.Inputs, node.Outputs)
            : throw new NotSupportedException($"'{modelPath}' has a node of domain '{node.Domain}'; only default-domain operators are carried over.");
    }

    /// <summary>The node's encoding for opset 17: unchanged, except BatchNormalization's <c>spatial</c> attribute, which is dropped.</summary>
    private static byte[] Translate(Node node, string modelPath)
    {
        if (node.OpType != "BatchNormalization")
        {
            return node.Payload;
        }

        var writer = new ProtoWriter(node.Payload.Length);
        var reader = new ProtoReader(node.Payload);
        while (reader.TryRead(out var field))
        {
            if (field.Number == NodeAttribute && StringField(field.Payload, AttributeName) == "spatial")
            {
                if (ProtoReader.FindVarint(field.Payload, AttributeInt) != 1)
                {
                    throw new NotSupportedException($"'{modelPath}' has a BatchNormalization with spatial = 0 (per-activation statistics), which later opsets cannot express.");
                }

                continue;
            }

            writer.WriteRaw(field.Encoded);
        }

        return writer.ToArray();
    }

    private static string StringField(ReadOnlySpan<byte> message, int number) => ProtoReader.FindString(message, number);
}
