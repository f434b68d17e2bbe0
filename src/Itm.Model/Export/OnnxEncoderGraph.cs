namespace Itm.Model.Export;

/// <summary>An encoder's ONNX nodes: the graph inputs it declared, what it does in order, and its <c>[B, D]</c> output's name.</summary>
internal sealed record OnnxEncoderGraph(IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<string> Steps, string Output);

/// <summary>An image encoder's ONNX nodes from pixels: the side of the square pixel input, what it does in order, and its output's name.</summary>
internal sealed record OnnxImageGraph(int Size, IReadOnlyList<string> Steps, string Output);
