using Itm.Index.Export;
using Itm.Model.Export;

namespace Itm.Search.Export;

/// <summary>What an export wrote: the embeddings (when an index was given) and the ONNX encoders (when asked).</summary>
public sealed record ExportJobReport(string Folder, EmbeddingExportReport? Embeddings, OnnxExportResult? Onnx, string? ModelDir);
