namespace Itm.Search.Export;

/// <summary>What <see cref="ExportJob"/> writes: an index's embeddings, a model's ONNX encoders, or both.</summary>
public sealed record ExportJobOptions
{
    /// <summary>The export folder.</summary>
    public required string OutDir { get; init; }

    /// <summary>An index whose image and caption vectors are written (clip-retrieval layout); null exports only the model.</summary>
    public string? IndexDir { get; init; }

    /// <summary>The model whose encoders are written as ONNX; null takes the index's own model.</summary>
    public string? ModelDir { get; init; }

    /// <summary>Write the ONNX encoders (into <see cref="ExportJob.OnnxFolder"/>).</summary>
    public bool Onnx { get; init; } = true;

    /// <summary>Write the index's caption corpus too.</summary>
    public bool Captions { get; init; } = true;

    /// <summary>Image paths in the metadata are absolute (true) or relative to the indexed folder.</summary>
    public bool AbsolutePaths { get; init; } = true;

    public void Validate()
    {
        if (IndexDir is null && ModelDir is null)
        {
            throw new ArgumentException("Nothing to export: give an index (--db) for its embeddings and model, or a model (--model) for its ONNX encoders.");
        }

        if (IndexDir is null && !Onnx)
        {
            throw new ArgumentException("--no-onnx with only a model leaves nothing to export: give an index (--db) for its embeddings.");
        }
    }
}
