using Itm.Model.Onnx;
using static Itm.Model.Onnx.OnnxFields;

namespace Itm.Model.ImageEncoders.Onnx;

/// <summary>
/// A feed-forward convolutional network (Conv, BatchNormalization, Relu, MaxPool, AveragePool, GlobalAveragePool, Add)
/// read from its ONNX file with every BatchNormalization folded into the Conv before it, written back either in float
/// (the reference, optionally with inner tensors as extra outputs to measure their ranges) or statically quantised in
/// ONNX Runtime's QDQ form (<see cref="ToInt8"/>). Folding first is what lets the quantised Conv carry the whole
/// Conv + BatchNormalization as one int8 operator; the folded float network computes the same function as the file.
/// </summary>
public sealed class FoldedConvNet
{
    private static readonly HashSet<string> CopiedOperators = new(StringComparer.Ordinal)
    {
        "Relu", "MaxPool", "AveragePool", "GlobalAveragePool", "Add",
    };

    /// <summary>Operators whose float inputs are quantised: every activation one of them reads gets a scale.</summary>
    private static readonly HashSet<string> QuantisedConsumers = new(StringComparer.Ordinal)
    {
        "Conv", "Add", "MaxPool", "AveragePool", "GlobalAveragePool",
    };

    private readonly List<Layer> _layers;
    private readonly byte[][] _inputDeclarations;
    private readonly byte[][] _outputDeclarations;

    private FoldedConvNet(List<Layer> layers, byte[][] inputs, byte[][] outputs)
    {
        _layers = layers;
        _inputDeclarations = inputs;
        _outputDeclarations = outputs;
        QuantisedTensors = [.. layers
            .Where(l => QuantisedConsumers.Contains(l.Node.OpType))
            .SelectMany(l => l.DataInputs)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The activations <see cref="ToInt8"/> needs a range for, in graph order (the network's input first).</summary>
    public IReadOnlyList<string> QuantisedTensors { get; }

    /// <summary>Reads <paramref name="model"/>; <paramref name="modelPath"/> only names the file in errors.</summary>
    public static FoldedConvNet Read(ReadOnlySpan<byte> model, string modelPath)
    {
        var nodes = new List<(OnnxNode Node, byte[] Payload)>();
        var initializers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var inputs = new List<byte[]>();
        var outputs = new List<byte[]>();
        var reader = new ProtoReader(OnnxModelFile.FindGraph(model, modelPath));
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case GraphNode:
                    nodes.Add((OnnxModelFile.ReadNode(field.Payload), field.Payload.ToArray()));
                    break;
                case GraphInitializer:
                    initializers[ProtoReader.FindString(field.Payload, TensorName)] = field.Payload.ToArray();
                    break;
                case GraphInput:
                    inputs.Add(field.Payload.ToArray());
                    break;
                case GraphOutput:
                    outputs.Add(field.Payload.ToArray());
                    break;
            }
        }

        // Old exporters list the weights among the graph inputs too; the network's own input is the one that is not a weight.
        var imageInputs = inputs.Where(i => !initializers.ContainsKey(ProtoReader.FindString(i, ValueInfoName))).ToArray();
        if (imageInputs.Length != 1 || outputs.Count != 1)
        {
            throw new InvalidDataException($"'{modelPath}' has {imageInputs.Length} inputs and {outputs.Count} outputs; an image network has one of each.");
        }

        OnnxFloatTensor Weight(string name) => initializers.TryGetValue(name, out var payload)
            ? OnnxModelFile.ReadFloatTensor(payload, name)
            : throw new InvalidDataException($"'{modelPath}': '{name}' is computed, not a stored weight; only constant weights can be folded.");

        var consumers = nodes.SelectMany(n => n.Node.Inputs).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var layers = new List<Layer>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var (node, payload) = nodes[i];
            if (node.Domain is not ("" or "ai.onnx"))
            {
                throw new NotSupportedException($"'{modelPath}' has a node of domain '{node.Domain}'; only standard operators are folded.");
            }

            if (node.OpType == "Conv")
            {
                var weight = Weight(node.Inputs[1]);
                var bias = node.Inputs.Count > 2 && node.Inputs[2].Length > 0 ? Weight(node.Inputs[2]).Values : new float[weight.Dimensions[0]];
                var output = node.Outputs[0];
                if (i + 1 < nodes.Count && nodes[i + 1].Node is { OpType: "BatchNormalization" } norm && norm.Inputs[0] == output && consumers[output] == 1)
                {
                    (weight, bias) = Fold(weight, bias, norm, Weight, modelPath);
                    output = norm.Outputs[0];
                    i++;
                }

                layers.Add(new Layer(node, payload, [node.Inputs[0]], [output], weight, bias));
            }
            else if (CopiedOperators.Contains(node.OpType))
            {
                if (node.Inputs.Any(initializers.ContainsKey))
                {
                    throw new NotSupportedException($"'{modelPath}': {node.OpType} '{node.Name}' reads a stored constant, which the folded network does not carry.");
                }

                layers.Add(new Layer(node, payload, node.Inputs, node.Outputs, null, null));
            }
            else
            {
                throw new NotSupportedException(
                    $"'{modelPath}' uses {node.OpType} '{node.Name}' outside a Conv + BatchNormalization pair; the folded network carries Conv, BatchNormalization after a Conv, and {string.Join(", ", CopiedOperators)}.");
            }
        }

        return new FoldedConvNet(layers, imageInputs, [.. outputs]);
    }

    /// <summary>The folded network in float; each of <paramref name="extraOutputs"/> (inner tensors) becomes an output after the network's own.</summary>
    public byte[] ToFloat(IReadOnlyList<string>? extraOutputs = null)
    {
        var g = Begin();
        foreach (var layer in _layers)
        {
            if (layer.Weight is { } w)
            {
                var weight = g.Constant("w", w.Values, w.Dimensions);
                var bias = g.Constant("b", layer.Bias, w.Dimensions[0]);
                g.RawNode(WithIo(layer.Payload, [layer.DataInputs[0], weight, bias], layer.Outputs));
            }
            else
            {
                g.RawNode(layer.Payload);
            }
        }

        foreach (var name in extraOutputs ?? [])
        {
            g.Output(name, OnnxDataType.Float, "an inner tensor, read out to measure its range");
        }

        return g.ToModel("folded", "BatchNormalization folded into the Conv before it", new Dictionary<string, string>());
    }

    /// <summary>
    /// The network quantised statically in QDQ form: each Conv's weights as int8 with one scale per output channel
    /// (symmetric, so the kernels skip the weight zero point), its bias as int32 at the input scale × weight scale,
    /// and every activation in <see cref="QuantisedTensors"/> as uint8 over its measured range (asymmetric: the
    /// network's input and the sums before a residual Add are signed). ONNX Runtime's graph optimiser turns each
    /// DequantizeLinear → Conv [→ Relu] → QuantizeLinear into one int8 QLinearConv, the residual sums into QLinearAdd,
    /// and runs MaxPool on the uint8 values (its output keeps its input's scale, as that rewrite requires).
    /// </summary>
    public byte[] ToInt8(IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var missing = QuantisedTensors.Where(t => !ranges.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No range for {missing.Count} activation(s) of the network, for example '{missing[0]}'.", nameof(ranges));
        }

        var g = Begin();
        var parameters = new Dictionary<string, QuantParameters>(StringComparer.Ordinal);
        var quantised = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in _layers.Where(l => l.Node.OpType == "MaxPool"))
        {
            parameters[layer.Outputs[0]] = Parameters(layer.DataInputs[0]);
        }

        QuantParameters Parameters(string tensor)
        {
            if (!parameters.TryGetValue(tensor, out var p))
            {
                var (scale, zeroPoint) = ranges[tensor].ToUInt8();
                p = new QuantParameters(scale, g.Scalar("scale", scale), g.Constant("zero_point", [zeroPoint]));
                parameters[tensor] = p;
            }

            return p;
        }

        string Dequantised(string tensor)
        {
            var p = Parameters(tensor);
            if (!quantised.TryGetValue(tensor, out var q))
            {
                q = g.Node("QuantizeLinear", [tensor, p.ScaleName, p.ZeroPointName]);
                quantised[tensor] = q;
            }

            // One DequantizeLinear per consumer, so each consumer's group is its own when the optimiser fuses them.
            return g.Node("DequantizeLinear", [q, p.ScaleName, p.ZeroPointName]);
        }

        foreach (var layer in _layers)
        {
            var consumesQuantised = QuantisedConsumers.Contains(layer.Node.OpType);
            if (layer.Weight is { } w)
            {
                var input = Dequantised(layer.DataInputs[0]);
                var inputScale = parameters[layer.DataInputs[0]].Scale;
                var (weights, weightScales) = Int8Weights.PerChannel(w, axis: 0);
                var channels = w.Dimensions[0];
                var weight = g.Node("DequantizeLinear",
                    [g.Constant("w_int8", weights, w.Dimensions), g.Constant("w_scale", weightScales, channels), g.Constant("w_zero", new sbyte[channels], channels)],
                    OnnxAttr.Int("axis", 0));
                var biasScales = weightScales.Select(s => inputScale * s).ToArray();
                var biases = layer.Bias!.Select((b, o) => (int)Math.Clamp(Math.Round((double)b / biasScales[o]), int.MinValue, int.MaxValue)).ToArray();
                var bias = g.Node("DequantizeLinear",
                    [g.Constant("b_int32", biases, channels), g.Constant("b_scale", biasScales, channels), g.Constant("b_zero", new int[channels], channels)],
                    OnnxAttr.Int("axis", 0));
                g.RawNode(WithIo(layer.Payload, [input, weight, bias], layer.Outputs));
            }
            else
            {
                var inputs = consumesQuantised ? layer.DataInputs.Select(Dequantised).ToArray() : [.. layer.DataInputs];
                g.RawNode(WithIo(layer.Payload, inputs, layer.Outputs));
            }
        }

        return g.ToModel("int8", "statically quantised (QDQ): int8 weights per output channel, uint8 activations per tensor", new Dictionary<string, string>());
    }

    private OnnxGraphBuilder Begin()
    {
        var g = new OnnxGraphBuilder("itm");
        foreach (var input in _inputDeclarations)
        {
            g.RawInput(input);
        }

        foreach (var output in _outputDeclarations)
        {
            g.RawOutput(output);
        }

        return g;
    }

    private static (OnnxFloatTensor Weight, float[] Bias) Fold(
        OnnxFloatTensor weight, float[] bias, OnnxNode norm, Func<string, OnnxFloatTensor> read, string modelPath)
    {
        if (norm.Int("spatial") is { } spatial && spatial != 1)
        {
            throw new NotSupportedException($"'{modelPath}': BatchNormalization '{norm.Name}' has spatial = 0 (per-activation statistics), which cannot fold into a Conv.");
        }

        var gamma = read(norm.Inputs[1]).Values;
        var beta = read(norm.Inputs[2]).Values;
        var mean = read(norm.Inputs[3]).Values;
        var variance = read(norm.Inputs[4]).Values;
        var epsilon = norm.Float("epsilon") ?? 1e-5f;
        var channels = (int)weight.Dimensions[0];
        if (gamma.Length != channels || beta.Length != channels || mean.Length != channels || variance.Length != channels)
        {
            throw new InvalidDataException($"'{modelPath}': BatchNormalization '{norm.Name}' has statistics for a different channel count than its Conv's {channels}.");
        }

        var perChannel = weight.Values.Length / channels;
        var folded = new float[weight.Values.Length];
        var foldedBias = new float[channels];
        for (var o = 0; o < channels; o++)
        {
            // y = γ (conv(x) + b − μ) / √(σ² + ε) + β, so each output channel's weights and bias scale by γ / √(σ² + ε).
            var k = gamma[o] / MathF.Sqrt(variance[o] + epsilon);
            for (var j = 0; j < perChannel; j++)
            {
                folded[o * perChannel + j] = weight.Values[o * perChannel + j] * k;
            }

            foldedBias[o] = (bias[o] - mean[o]) * k + beta[o];
        }

        return (weight with { Values = folded }, foldedBias);
    }

    /// <summary>A node's encoding with its inputs and outputs replaced; its name, type and attributes are kept.</summary>
    private static byte[] WithIo(byte[] payload, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        var writer = new ProtoWriter(payload.Length + 256);
        foreach (var input in inputs)
        {
            writer.WriteString(NodeInput, input);
        }

        foreach (var output in outputs)
        {
            writer.WriteString(NodeOutput, output);
        }

        var reader = new ProtoReader(payload);
        while (reader.TryRead(out var field))
        {
            if (field.Number is not (NodeInput or NodeOutput))
            {
                writer.WriteRaw(field.Encoded);
            }
        }

        return writer.ToArray();
    }

    private sealed record Layer(OnnxNode Node, byte[] Payload, IReadOnlyList<string> DataInputs, IReadOnlyList<string> Outputs, OnnxFloatTensor? Weight, float[]? Bias);

    private readonly record struct QuantParameters(float Scale, string ScaleName, string ZeroPointName);
}
