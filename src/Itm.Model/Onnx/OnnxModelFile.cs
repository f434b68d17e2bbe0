using System.Buffers.Binary;
using System.Runtime.InteropServices;
using static Itm.Model.Onnx.OnnxFields;

namespace Itm.Model.Onnx;

/// <summary>What <see cref="OnnxModelFile.MakeBatchDimensionSymbolic"/> changed.</summary>
/// <param name="Inputs">Graph inputs whose first dimension became symbolic.</param>
/// <param name="Outputs">Graph outputs whose first dimension became symbolic.</param>
/// <param name="ValueInfos">Intermediate shape annotations whose first dimension became symbolic.</param>
/// <param name="ReshapeShapes">Reshape target shapes (initializers) whose leading 1 became 0, "copy the batch size".</param>
public sealed record BatchRewriteReport(int Inputs, int Outputs, int ValueInfos, int ReshapeShapes);

/// <summary>A float tensor stored in an ONNX file.</summary>
public sealed record OnnxFloatTensor(string Name, long[] Dimensions, float[] Values);

/// <summary>
/// Small, schema-less edits and reads of ONNX model files (protobuf <c>ModelProto</c>), for the cases ONNX Runtime
/// has no API for: freeing a batch dimension an exporter fixed at 1, making an intermediate tensor the output,
/// reading a constant such as a mean image, and listing the graph's operators to find a block's weights.
/// Everything not named here is copied byte for byte.
/// </summary>
public static class OnnxModelFile
{
    /// <summary>
    /// Returns a copy of <paramref name="model"/> in which the first dimension of every graph input, output and
    /// intermediate shape annotation that is fixed at 1 is replaced by the symbolic <paramref name="dimensionName"/>,
    /// and every Reshape whose target shape is an initializer starting with 1 gets 0 there (ONNX: copy that dimension
    /// from the input), so the model runs on any batch size. Exporters such as CNTK fix the batch at 1, and ONNX
    /// Runtime refuses any other size against those declarations.
    /// </summary>
    public static byte[] MakeBatchDimensionSymbolic(ReadOnlySpan<byte> model, string dimensionName, out BatchRewriteReport report)
    {
        ArgumentException.ThrowIfNullOrEmpty(dimensionName);
        var counts = new int[4];
        var rewritten = WithGraph(model, graph => RewriteGraph(graph, dimensionName, counts));
        report = new BatchRewriteReport(counts[0], counts[1], counts[2], counts[3]);
        return rewritten;
    }

    /// <summary>
    /// Returns a copy of <paramref name="model"/> whose graph outputs are exactly <paramref name="tensorNames"/>, in
    /// that order: an existing output keeps its declaration, an intermediate tensor takes its shape annotation
    /// (value_info) with it. ONNX Runtime returns only graph outputs, so this is how an inner activation, such as the
    /// input of a network's last block, is read out.
    /// </summary>
    public static byte[] SetGraphOutputs(ReadOnlySpan<byte> model, IReadOnlyList<string> tensorNames)
    {
        ArgumentNullException.ThrowIfNull(tensorNames);
        if (tensorNames.Count == 0)
        {
            throw new ArgumentException("A model needs at least one output.", nameof(tensorNames));
        }

        var wanted = tensorNames.ToHashSet(StringComparer.Ordinal);
        return WithGraph(model, graph =>
        {
            var declarations = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var writer = new ProtoWriter(graph.Length + 1024);
            var reader = new ProtoReader(graph);
            while (reader.TryRead(out var field))
            {
                if (field.Number is GraphOutput or GraphValueInfo)
                {
                    var name = ValueInfoNameOf(field.Payload);
                    if (wanted.Contains(name) && (field.Number == GraphOutput || !declarations.ContainsKey(name)))
                    {
                        declarations[name] = field.Payload.ToArray();
                    }

                    if (field.Number == GraphOutput || wanted.Contains(name))
                    {
                        continue;   // Old outputs are dropped; a tensor becoming an output leaves value_info (ONNX lists it once).
                    }
                }

                writer.WriteRaw(field.Encoded);
            }

            foreach (var name in tensorNames)
            {
                writer.WriteBytes(GraphOutput, declarations.TryGetValue(name, out var declaration)
                    ? declaration
                    : throw new InvalidDataException($"The model declares no tensor '{name}' (no output or value_info of that name), so it cannot become an output."));
            }

            return writer;
        });
    }

    /// <summary>The graph's operators in file order, with their inputs, outputs and attributes.</summary>
    public static IReadOnlyList<OnnxNode> ReadNodes(ReadOnlySpan<byte> model)
    {
        var nodes = new List<OnnxNode>();
        var reader = new ProtoReader(FindGraph(model));
        while (reader.TryRead(out var field))
        {
            if (field.Number == GraphNode && field.WireType == WireType.LengthDelimited)
            {
                nodes.Add(ReadNode(field.Payload));
            }
        }

        return nodes;
    }

    /// <summary>Reads the float initializer called <paramref name="name"/> (raw_data or float_data encoding).</summary>
    public static OnnxFloatTensor ReadFloatInitializer(ReadOnlySpan<byte> model, string name)
    {
        var graph = FindGraph(model);
        var reader = new ProtoReader(graph);
        while (reader.TryRead(out var field))
        {
            if (field.Number == GraphInitializer && TensorNameOf(field.Payload) == name)
            {
                return ReadFloatTensor(field.Payload, name);
            }
        }

        throw new InvalidDataException($"The model has no initializer named '{name}'.");
    }

    private static ProtoWriter RewriteGraph(ReadOnlySpan<byte> graph, string dimensionName, int[] counts)
    {
        // First pass: which names are weights (IR 3 files list them among the inputs too) and which feed a Reshape's shape.
        var initializers = new HashSet<string>(StringComparer.Ordinal);
        var reshapeShapes = new HashSet<string>(StringComparer.Ordinal);
        var scan = new ProtoReader(graph);
        while (scan.TryRead(out var field))
        {
            if (field.Number == GraphInitializer)
            {
                initializers.Add(TensorNameOf(field.Payload));
            }
            else if (field.Number == GraphNode && ReshapeShapeInput(field.Payload) is { } shapeName)
            {
                reshapeShapes.Add(shapeName);
            }
        }

        var writer = new ProtoWriter(graph.Length + 4096);
        var reader = new ProtoReader(graph);
        while (reader.TryRead(out var field))
        {
            var slot = field.Number switch
            {
                GraphInput => 0,
                GraphOutput => 1,
                GraphValueInfo => 2,
                _ => -1,
            };
            if (slot >= 0 && !(slot == 0 && initializers.Contains(ValueInfoNameOf(field.Payload)))
                && RewriteValueInfo(field.Payload, dimensionName) is { } valueInfo)
            {
                writer.WriteMessage(field.Number, valueInfo);
                counts[slot]++;
            }
            else if (field.Number == GraphInitializer && reshapeShapes.Contains(TensorNameOf(field.Payload))
                && FreeLeadingOne(field.Payload) is { } shape)
            {
                writer.WriteMessage(GraphInitializer, shape);
                counts[3]++;
            }
            else
            {
                writer.WriteRaw(field.Encoded);
            }
        }

        return writer;
    }

    /// <summary>ValueInfoProto → type → tensor_type → shape → first dim; null when that dim is not a fixed 1.</summary>
    private static ProtoWriter? RewriteValueInfo(ReadOnlySpan<byte> valueInfo, string dimensionName) =>
        RewriteChild(valueInfo, ValueInfoType, type =>
            RewriteChild(type, TypeTensor, tensorType =>
                RewriteChild(tensorType, TensorTypeShape, shape => RewriteFirstDim(shape, dimensionName))));

    private delegate ProtoWriter? ChildRewriter(ReadOnlySpan<byte> child);

    /// <summary>Rewrites the one child message with number <paramref name="number"/>, copying every other field; null if nothing changed.</summary>
    private static ProtoWriter? RewriteChild(ReadOnlySpan<byte> message, int number, ChildRewriter rewrite)
    {
        var writer = new ProtoWriter(message.Length + 16);
        var changed = false;
        var reader = new ProtoReader(message);
        while (reader.TryRead(out var field))
        {
            if (!changed && field.Number == number && field.WireType == WireType.LengthDelimited && rewrite(field.Payload) is { } child)
            {
                writer.WriteMessage(number, child);
                changed = true;
            }
            else
            {
                writer.WriteRaw(field.Encoded);
            }
        }

        return changed ? writer : null;
    }

    private static ProtoWriter? RewriteFirstDim(ReadOnlySpan<byte> shape, string dimensionName)
    {
        var writer = new ProtoWriter(shape.Length + dimensionName.Length + 8);
        var first = true;
        var changed = false;
        var reader = new ProtoReader(shape);
        while (reader.TryRead(out var field))
        {
            if (field.Number == ShapeDim && first)
            {
                first = false;
                if (IsFixedOne(field.Payload))
                {
                    // A Dimension is a oneof {dim_value, dim_param}; the optional denotation (field 3) is kept.
                    var dim = new ProtoWriter();
                    dim.WriteString(DimParam, dimensionName);
                    var dimReader = new ProtoReader(field.Payload);
                    while (dimReader.TryRead(out var part))
                    {
                        if (part.Number != DimValue && part.Number != DimParam)
                        {
                            dim.WriteRaw(part.Encoded);
                        }
                    }

                    writer.WriteMessage(ShapeDim, dim);
                    changed = true;
                    continue;
                }
            }

            writer.WriteRaw(field.Encoded);
        }

        return changed ? writer : null;
    }

    private static bool IsFixedOne(ReadOnlySpan<byte> dimension)
    {
        var reader = new ProtoReader(dimension);
        while (reader.TryRead(out var field))
        {
            if (field.Number == DimValue && field.WireType == WireType.Varint)
            {
                return field.Scalar == 1;
            }
        }

        return false;
    }

    /// <summary>The name of the shape input of a Reshape node; null for any other node.</summary>
    private static string? ReshapeShapeInput(ReadOnlySpan<byte> node)
    {
        string? opType = null;
        var inputs = new List<string>(2);
        var reader = new ProtoReader(node);
        while (reader.TryRead(out var field))
        {
            if (field.Number == NodeOpType)
            {
                opType = field.PayloadString;
            }
            else if (field.Number == NodeInput)
            {
                inputs.Add(field.PayloadString);
            }
        }

        return opType == "Reshape" && inputs.Count == 2 ? inputs[1] : null;
    }

    /// <summary>For an int64 shape tensor whose first element is 1, the same tensor with 0 there; otherwise null.</summary>
    private static ProtoWriter? FreeLeadingOne(ReadOnlySpan<byte> tensor)
    {
        var writer = new ProtoWriter(tensor.Length + 8);
        var changed = false;
        var isInt64 = false;
        var reader = new ProtoReader(tensor);
        while (reader.TryRead(out var field))
        {
            if (field.Number == TensorDataType)
            {
                isInt64 = field.Scalar == DataTypeInt64;
            }
        }

        reader = new ProtoReader(tensor);
        while (reader.TryRead(out var field))
        {
            if (isInt64 && !changed && field.Number == TensorRawData && field.Payload.Length >= 8
                && BinaryPrimitives.ReadInt64LittleEndian(field.Payload) == 1)
            {
                var bytes = field.Payload.ToArray();
                BinaryPrimitives.WriteInt64LittleEndian(bytes, 0);
                writer.WriteBytes(TensorRawData, bytes);
                changed = true;
            }
            else if (isInt64 && !changed && field.Number == TensorInt64Data && field.WireType == WireType.LengthDelimited)
            {
                var values = ProtoReader.ReadPackedVarints(field.Payload);
                if (values.Count > 0 && values[0] == 1)
                {
                    values[0] = 0;
                    var packed = new ProtoWriter();
                    foreach (var v in values)
                    {
                        packed.WriteRawVarint((ulong)v);
                    }

                    writer.WriteBytes(TensorInt64Data, packed.AsSpan());
                    changed = true;
                }
                else
                {
                    writer.WriteRaw(field.Encoded);
                }
            }
            else if (isInt64 && !changed && field.Number == TensorInt64Data && field.WireType == WireType.Varint && field.Scalar == 1)
            {
                // Unpacked repeated int64: the first occurrence is element 0.
                writer.WriteVarint(TensorInt64Data, 0);
                changed = true;
            }
            else
            {
                writer.WriteRaw(field.Encoded);
            }
        }

        return changed ? writer : null;
    }

    /// <summary>The model with its graph replaced by what <paramref name="rewrite"/> makes of it; every other field is copied.</summary>
    private static byte[] WithGraph(ReadOnlySpan<byte> model, GraphRewriter rewrite)
    {
        var writer = new ProtoWriter(model.Length + 4096);
        var reader = new ProtoReader(model);
        var sawGraph = false;
        while (reader.TryRead(out var field))
        {
            if (!sawGraph && field.Number == ModelGraph && field.WireType == WireType.LengthDelimited)
            {
                writer.WriteMessage(ModelGraph, rewrite(field.Payload));
                sawGraph = true;
            }
            else
            {
                writer.WriteRaw(field.Encoded);
            }
        }

        if (!sawGraph)
        {
            throw new InvalidDataException("The file has no graph: it is not an ONNX model.");
        }

        return writer.ToArray();
    }

    private delegate ProtoWriter GraphRewriter(ReadOnlySpan<byte> graph);

    /// <summary>Decodes one NodeProto.</summary>
    internal static OnnxNode ReadNode(ReadOnlySpan<byte> node)
    {
        var (name, opType, domain) = (string.Empty, string.Empty, string.Empty);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        var reader = new ProtoReader(node);
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case NodeInput:
                    inputs.Add(field.PayloadString);
                    break;
                case NodeOutput:
                    outputs.Add(field.PayloadString);
                    break;
                case NodeName:
                    name = field.PayloadString;
                    break;
                case NodeOpType:
                    opType = field.PayloadString;
                    break;
                case NodeDomain:
                    domain = field.PayloadString;
                    break;
                case NodeAttribute:
                    var attribute = ReadAttribute(field.Payload);
                    attributes[attribute.Name] = attribute;
                    break;
            }
        }

        return new OnnxNode(name, opType, inputs, outputs, attributes, domain);
    }

    private static OnnxAttribute ReadAttribute(ReadOnlySpan<byte> attribute)
    {
        var name = string.Empty;
        float? single = null;
        long? integer = null;
        string? text = null;
        var floats = new List<float>();
        var ints = new List<long>();
        var reader = new ProtoReader(attribute);
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case AttributeName:
                    name = field.PayloadString;
                    break;
                case AttributeFloat:
                    single = BitConverter.UInt32BitsToSingle((uint)field.Scalar);
                    break;
                case AttributeInt:
                    integer = (long)field.Scalar;   // int64 varints are two's complement, so the cast restores negatives.
                    break;
                case AttributeString:
                    text = field.PayloadString;
                    break;
                case AttributeFloats when field.WireType == WireType.LengthDelimited:
                    floats.AddRange(MemoryMarshal.Cast<byte, float>(field.Payload).ToArray());
                    break;
                case AttributeFloats:
                    floats.Add(BitConverter.UInt32BitsToSingle((uint)field.Scalar));
                    break;
                case AttributeInts when field.WireType == WireType.LengthDelimited:
                    ints.AddRange(ProtoReader.ReadPackedVarints(field.Payload));
                    break;
                case AttributeInts:
                    ints.Add((long)field.Scalar);
                    break;
            }
        }

        return new OnnxAttribute(name, single, integer, text, floats, ints);
    }

    /// <summary>The graph of a ModelProto; <paramref name="modelPath"/>, when given, names the file in the error.</summary>
    internal static ReadOnlySpan<byte> FindGraph(ReadOnlySpan<byte> model, string? modelPath = null)
    {
        var reader = new ProtoReader(model);
        while (reader.TryRead(out var field))
        {
            if (field.Number == ModelGraph && field.WireType == WireType.LengthDelimited)
            {
                return field.Payload;
            }
        }

        throw new InvalidDataException($"{(modelPath is null ? "The file" : $"'{modelPath}'")} has no graph: it is not an ONNX model.");
    }

    private static string TensorNameOf(ReadOnlySpan<byte> tensor) => StringField(tensor, TensorName);

    private static string ValueInfoNameOf(ReadOnlySpan<byte> valueInfo) => StringField(valueInfo, ValueInfoName);

    private static string StringField(ReadOnlySpan<byte> message, int number) => ProtoReader.FindString(message, number);

    internal static OnnxFloatTensor ReadFloatTensor(ReadOnlySpan<byte> tensor, string name)
    {
        var dims = new List<long>();
        var dataType = 0UL;
        float[]? values = null;
        var floats = new List<float>();
        var reader = new ProtoReader(tensor);
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case TensorDims when field.WireType == WireType.Varint:
                    dims.Add((long)field.Scalar);
                    break;
                case TensorDims:
                    dims.AddRange(ProtoReader.ReadPackedVarints(field.Payload));
                    break;
                case TensorDataType:
                    dataType = field.Scalar;
                    break;
                case TensorRawData:
                case TensorFloatData when field.WireType == WireType.LengthDelimited:
                    // Both are little-endian IEEE floats back to back (raw_data by definition, packed float_data by protobuf's).
                    values = MemoryMarshal.Cast<byte, float>(field.Payload).ToArray();
                    break;
                case TensorFloatData:
                    floats.Add(BitConverter.UInt32BitsToSingle((uint)field.Scalar));
                    break;
                case TensorDataLocation when field.Scalar == 1:
                    throw new InvalidDataException($"Initializer '{name}' keeps its data in an external file, which is not supported.");
            }
        }

        if (dataType != DataTypeFloat)
        {
            throw new InvalidDataException($"Initializer '{name}' has ONNX data type {dataType}, not float (1).");
        }

        values ??= [.. floats];
        var expected = dims.Aggregate(1L, (a, b) => a * b);
        if (values.Length != expected)
        {
            throw new InvalidDataException($"Initializer '{name}' declares [{string.Join(", ", dims)}] = {expected} values but holds {values.Length}.");
        }

        return new OnnxFloatTensor(name, [.. dims], values);
    }
}
