using Itm.Index.Export;
using Itm.Index.Storage;
using Itm.Model.Export;
using Itm.Model.Persistence;

namespace Itm.Search.Export;

/// <summary>
/// <c>itm export</c>: an index's vectors in clip-retrieval's layout (<see cref="EmbeddingExport"/>) and the model's two
/// encoders as ONNX (<see cref="OnnxExport"/>) in <see cref="OnnxFolder"/> below the export folder, so another tool can
/// both read the vectors and compute new ones that score against them as itm does. An index is exported with the model
/// it was built with, checked by fingerprint, so the ONNX encoders always match the vectors beside them.
/// </summary>
public static class ExportJob
{
    /// <summary>The ONNX encoders' sub-folder.</summary>
    public const string OnnxFolder = "onnx";

    public static ExportJobReport Run(ExportJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string folder = Path.GetFullPath(options.OutDir);
        EmbeddingExportReport? embeddings = null;
        string? modelDir = options.ModelDir is null ? null : ModelFolder.Locate(options.ModelDir);
        string? expectedFingerprint = null;
        if (options.IndexDir is not null)
        {
            using var index = IndexReader.Open(options.IndexDir);
            embeddings = EmbeddingExport.Write(index, folder, new EmbeddingExportOptions
            {
                IncludeCaptions = options.Captions,
                AbsolutePaths = options.AbsolutePaths,
            });
            modelDir ??= index.Identity.ModelDir;
            expectedFingerprint = index.Identity.ModelFingerprint;
        }

        OnnxExportResult? onnx = null;
        if (options.Onnx)
        {
            using var model = ModelFolder.Load(modelDir!);
            if (expectedFingerprint is not null && ModelFingerprint.Compute(modelDir!, model.Manifest) != expectedFingerprint)
            {
                throw new ModelFolderException(
                    $"The model at {modelDir} is not the one the index {options.IndexDir} was built with, so its ONNX encoders " +
                    "would not score against the exported vectors. Export the index's own model (leave out --model), or re-embed the index with this one.");
            }

            onnx = OnnxExport.Write(model, Path.Combine(folder, OnnxFolder));
        }

        return new ExportJobReport(folder, embeddings, onnx, modelDir is null ? null : Path.GetFullPath(modelDir));
    }
}
