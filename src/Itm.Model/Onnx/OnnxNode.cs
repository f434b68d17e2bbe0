namespace Itm.Model.Onnx;

/// <summary>
/// One attribute of a graph node. Only the kinds image models use are decoded (a number, a string, lists of
/// numbers); a tensor- or graph-valued attribute keeps just its name.
/// </summary>
public sealed record OnnxAttribute(string Name, float? Float, long? Int, string? Text, IReadOnlyList<float> Floats, IReadOnlyList<long> Ints);

/// <summary>One operator of an ONNX graph, as <see cref="OnnxModelFile.ReadNodes"/> lists them: in file order, which ONNX requires to be topological.</summary>
/// <param name="Domain">The operator set the operator comes from; empty (or <c>ai.onnx</c>) for the standard operators.</param>
public sealed record OnnxNode(
    string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, OnnxAttribute> Attributes,
    string Domain = "")
{
    /// <summary>The integer list attribute <paramref name="name"/> (kernel_shape, strides, pads...), or null when the node has none.</summary>
    public IReadOnlyList<long>? Ints(string name) => Attributes.TryGetValue(name, out var a) ? a.Ints : null;

    /// <summary>The integer attribute <paramref name="name"/>, or null when the node has none.</summary>
    public long? Int(string name) => Attributes.TryGetValue(name, out var a) ? a.Int : null;

    /// <summary>The float attribute <paramref name="name"/>, or null when the node has none.</summary>
    public float? Float(string name) => Attributes.TryGetValue(name, out var a) ? a.Float : null;
}
