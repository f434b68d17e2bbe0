using System.Runtime.InteropServices;
using static Itm.Model.Onnx.OnnxFields;

namespace Itm.Model.Onnx;

/// <summary>ONNX tensor element types (TensorProto.DataType) that the exported graphs use.</summary>
internal enum OnnxDataType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
}

/// <summary>One dimension of a declared graph input or output: a fixed size, or a symbolic name such as "batch".</summary>
internal readonly record struct OnnxDim(long? Value, string? Symbol)
{
    public static implicit operator OnnxDim(long value) => new(value, null);

    public static implicit operator OnnxDim(string symbol) => new(null, symbol);

    public override string ToString() => Symbol ?? Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One node attribute, written as an AttributeProto with its type set (ONNX Runtime checks it against the schema).</summary>
internal sealed class OnnxAttr
{
    // AttributeProto fields and AttributeType values, from onnx/onnx.proto.

    private readonly Action<ProtoWriter> write;

    private OnnxAttr(Action<ProtoWriter> write) => this.write = write;

    public static OnnxAttr Int(string name, long value) => new(w =>
    {
        w.WriteString(AttributeName, name);
        w.WriteVarint(AttributeInt, (ulong)value);
        w.WriteVarint(AttributeType, AttributeTypeInt);
    });

    public static OnnxAttr Float(string name, float value) => new(w =>
    {
        w.WriteString(AttributeName, name);
        w.WriteFixed32(AttributeFloat, BitConverter.SingleToUInt32Bits(value));
        w.WriteVarint(AttributeType, AttributeTypeFloat);
    });

    public static OnnxAttr String(string name, string value) => new(w =>
    {
        w.WriteString(AttributeName, name);
        w.WriteString(AttributeString, value);
        w.WriteVarint(AttributeType, AttributeTypeString);
    });

    public static OnnxAttr Ints(string name, params long[] values) => new(w =>
    {
        w.WriteString(AttributeName, name);
        foreach (var v in values)
        {
            w.WriteVarint(AttributeInts, (ulong)v);
        }

        w.WriteVarint(AttributeType, AttributeTypeInts);
    });

    public ProtoWriter ToProto()
    {
        var writer = new ProtoWriter();
        write(writer);
        return writer;
    }
}

/// <summary>
/// A small writer of ONNX <c>ModelProto</c> files (opset 17, IR version 8) with <see cref="ProtoWriter"/>: named inputs and
/// outputs with fixed or symbolic dimensions, float and int64 initializers as raw_data, nodes with attributes, and
/// verbatim copies of another file's nodes and initializers. Nodes must be added in topological order.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    public const long Opset = 17;
    public const long IrVersion = 8;


    private readonly string prefix;
    private readonly ProtoWriter nodes = new(4096);
    private readonly ProtoWriter initializers = new(4096);
    private readonly ProtoWriter inputs = new();
    private readonly ProtoWriter outputs = new();
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private int counter;

    /// <param name="prefix">Prepended to every generated name, so they never collide with names copied from another file.</param>
    public OnnxGraphBuilder(string prefix) => this.prefix = prefix;

    public void Input(string name, OnnxDataType type, OnnxDim[] shape, string doc) => inputs.WriteMessage(GraphInput, ValueInfo(name, type, shape, doc));

    public void Output(string name, OnnxDataType type, OnnxDim[] shape, string doc) => outputs.WriteMessage(GraphOutput, ValueInfo(name, type, shape, doc));

    /// <summary>An output whose shape is left to ONNX Runtime to infer (an inner tensor read out for measurement).</summary>
    public void Output(string name, OnnxDataType type, string doc) => outputs.WriteMessage(GraphOutput, ValueInfo(name, type, null, doc));

    /// <summary>Appends a graph input declaration (a ValueInfoProto payload) copied from another file.</summary>
    public void RawInput(ReadOnlySpan<byte> valueInfoPayload) => inputs.WriteBytes(GraphInput, valueInfoPayload);

    /// <summary>Appends a graph output declaration (a ValueInfoProto payload) copied from another file.</summary>
    public void RawOutput(ReadOnlySpan<byte> valueInfoPayload) => outputs.WriteBytes(GraphOutput, valueInfoPayload);

    /// <summary>A float constant with the given dimensions; returns its name.</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dims) =>
        Initializer(hint, OnnxDataType.Float, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>An int64 constant with the given dimensions; returns its name.</summary>
    public string Constant(string hint, ReadOnlySpan<long> values, params long[] dims) =>
        Initializer(hint, OnnxDataType.Int64, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>An int8 constant with the given dimensions; returns its name.</summary>
    public string Constant(string hint, ReadOnlySpan<sbyte> values, params long[] dims) =>
        Initializer(hint, OnnxDataType.Int8, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>A uint8 constant with the given dimensions; returns its name.</summary>
    public string Constant(string hint, ReadOnlySpan<byte> values, params long[] dims) =>
        Initializer(hint, OnnxDataType.UInt8, values, values.Length, dims);

    /// <summary>An int32 constant with the given dimensions; returns its name.</summary>
    public string Constant(string hint, ReadOnlySpan<int> values, params long[] dims) =>
        Initializer(hint, OnnxDataType.Int32, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>A float scalar constant (rank 0).</summary>
    public string Scalar(string hint, float value) => Constant(hint, [value]);

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, string[] nodeInputs, params OnnxAttr[] attributes) =>
        Node(opType, nodeInputs, 1, attributes)[0];

    /// <summary>Adds a node whose outputs get fresh names; an output the graph does not need can be left out with <paramref name="skip"/>.</summary>
    public string[] Node(string opType, string[] nodeInputs, int outputCount, OnnxAttr[] attributes, ISet<int>? skip = null)
    {
        var name = Fresh(opType);
        var outs = Enumerable.Range(0, outputCount).Select(i => skip?.Contains(i) == true ? string.Empty : $"{name}:{i}").ToArray();
        NodeNamed(name, opType, nodeInputs, outs, attributes);
        return outs;
    }

    /// <summary>Adds a node whose outputs are named by the caller (for example a graph output).</summary>
    public void NodeNamed(string? name, string opType, string[] nodeInputs, string[] nodeOutputs, params OnnxAttr[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in nodeInputs)
        {
            node.WriteString(NodeInput, input);
        }

        foreach (var output in nodeOutputs)
        {
            node.WriteString(NodeOutput, output);
        }

        node.WriteString(NodeName, name ?? Fresh(opType));
        node.WriteString(NodeOpType, opType);
        foreach (var attribute in attributes)
        {
            node.WriteMessage(NodeAttribute, attribute.ToProto());
        }

        nodes.WriteMessage(GraphNode, node);
    }

    /// <summary>Appends a NodeProto as encoded elsewhere (its payload, without tag and length).</summary>
    public void RawNode(ReadOnlySpan<byte> nodePayload) => nodes.WriteBytes(GraphNode, nodePayload);

    /// <summary>Appends a TensorProto as encoded elsewhere (its payload, without tag and length).</summary>
    public void RawInitializer(ReadOnlySpan<byte> tensorPayload) => initializers.WriteBytes(GraphInitializer, tensorPayload);

    /// <summary>The complete ModelProto.</summary>
    public byte[] ToModel(string graphName, string doc, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new ProtoWriter(nodes.AsSpan().Length + initializers.AsSpan().Length + 4096);
        graph.WriteRaw(nodes.AsSpan());
        graph.WriteString(GraphName, graphName);
        graph.WriteRaw(initializers.AsSpan());
        graph.WriteRaw(inputs.AsSpan());
        graph.WriteRaw(outputs.AsSpan());

        var model = new ProtoWriter(graph.AsSpan().Length + 1024);
        model.WriteVarint(ModelIrVersion, IrVersion);
        model.WriteString(ModelProducerName, "itm");
        model.WriteString(ModelProducerVersion, typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0");
        model.WriteString(ModelDocString, doc);
        model.WriteMessage(ModelGraph, graph);
        var opset = new ProtoWriter();
        opset.WriteString(OpsetDomain, string.Empty);
        opset.WriteVarint(OpsetVersion, Opset);
        model.WriteMessage(ModelOpsetImport, opset);
        foreach (var (key, value) in metadata)
        {
            var entry = new ProtoWriter();
            entry.WriteString(EntryKey, key);
            entry.WriteString(EntryValue, value);
            model.WriteMessage(ModelMetadata, entry);
        }

        return model.ToArray();
    }

    private string Initializer(string hint, OnnxDataType type, ReadOnlySpan<byte> raw, int count, long[] dims)
    {
        var expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
        {
            throw new ArgumentException($"Constant '{hint}' has {count} values; dimensions [{string.Join(", ", dims)}] need {expected}.");
        }

        var name = Fresh(hint);
        initializers.WriteMessage(GraphInitializer, TensorProto(name, type, raw, dims));
        return name;
    }

    /// <summary>A TensorProto holding <paramref name="raw"/> as raw_data.</summary>
    internal static ProtoWriter TensorProto(string name, OnnxDataType type, ReadOnlySpan<byte> raw, long[] dims)
    {
        var tensor = new ProtoWriter(raw.Length + 64);
        foreach (var d in dims)
        {
            tensor.WriteVarint(TensorDims, (ulong)d);
        }

        tensor.WriteVarint(TensorDataType, (ulong)type);
        tensor.WriteString(TensorName, name);
        tensor.WriteBytes(TensorRawData, raw);   // raw_data is little-endian, as .NET's memory is on every platform it runs on here
        return tensor;
    }

    private static ProtoWriter ValueInfo(string name, OnnxDataType type, OnnxDim[]? shape, string doc)
    {
        var dims = new ProtoWriter();
        foreach (var d in shape ?? [])
        {
            var dim = new ProtoWriter();
            if (d.Symbol is { } symbol)
            {
                dim.WriteString(DimParam, symbol);
            }
            else
            {
                dim.WriteVarint(DimValue, (ulong)d.Value!.Value);
            }

            dims.WriteMessage(ShapeDim, dim);
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteVarint(TensorTypeElemType, (ulong)type);
        if (shape is not null)
        {
            tensorType.WriteMessage(TensorTypeShape, dims);
        }

        var typeProto = new ProtoWriter();
        typeProto.WriteMessage(TypeTensor, tensorType);
        var valueInfo = new ProtoWriter();
        valueInfo.WriteString(ValueInfoName, name);
        valueInfo.WriteMessage(ValueInfoType, typeProto);
        valueInfo.WriteString(ValueInfoDoc, doc);
        return valueInfo;
    }

    private string Fresh(string hint)
    {
        string name;
        do
        {
            name = $"{prefix}/{hint}_{counter++}";
        }
        while (!names.Add(name));

        return name;
    }
}
