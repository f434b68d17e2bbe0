namespace Itm.Index.Export;

/// <summary>What an export wrote: counts, the joint dimension, and every file, relative to the export folder.</summary>
public sealed record EmbeddingExportReport(string Folder, long Images, long Captions, int Dimension, IReadOnlyList<string> Files);
