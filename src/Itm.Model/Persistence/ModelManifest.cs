using System.Text.Json.Nodes;
using Itm.Model.JointEmbedding;

namespace Itm.Model.Persistence;

/// <summary>Which image inputs the model was trained on: the extractor, its fingerprint and one input's shape.</summary>
public sealed record ImageInputInfo(string Extractor, string Fingerprint, IReadOnlyList<int> Shape);

/// <summary>The dataset a model was trained on, so a result can be traced to its data.</summary>
public sealed record DatasetInfo(string Name, string Path, string Fingerprint, int TrainImages, int TrainSentences);

/// <summary>
/// <c>model.json</c>: everything needed to rebuild the model and to tell whether a folder matches
/// the code that loads it. Training options and metrics are kept as JSON objects so this layer
/// doesn't depend on the trainer's types.
/// </summary>
public sealed record ModelManifest
{
    public const string FormatName = "itm-model";
    /// <summary>
    /// 4: the image channel's fit is written out; 3: both channels' pretrained precision; 2 named encoders by the
    /// encoder catalog. Older folders are read through <see cref="ManifestUpgrade"/>.
    /// </summary>
    public const int CurrentFormatVersion = ManifestUpgrade.ExplicitFitVersion;

    public string Format { get; init; } = FormatName;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required JointEmbeddingOptions Joint { get; init; }

    public required ImageInputInfo ImageInput { get; init; }

    /// <summary>
    /// What turned text into the text encoder's input when the weights were trained: the hash of the text featurizer
    /// (vocabulary or n-gram list), or for minilm the pretrained encoder's fingerprint (<c>minilm-…</c>).
    /// </summary>
    public required string TextFeaturizerHash { get; init; }

    /// <summary>The featurizer's id count, or the width of the pretrained sentence vectors (384 for minilm).</summary>
    public required int TextFeatureCount { get; init; }

    /// <summary>The pinned state-dict keys with their shapes, e.g. <c>text.output.weight [256,1024]</c>.</summary>
    public required IReadOnlyList<string> StateDict { get; init; }

    /// <summary>
    /// SHA-256 of <c>weights.dat</c> as it was saved, checked on every load so a damaged or swapped weights file is
    /// refused with a clear message instead of loaded (or crashing the loader). Null in folders saved before it existed.
    /// </summary>
    public string? WeightsSha256 { get; init; }

    public DatasetInfo? Dataset { get; init; }

    public JsonObject? Training { get; init; }

    public JsonObject? Metrics { get; init; }

    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;
}
