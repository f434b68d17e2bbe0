using System.Text.Json;
using System.Text.Json.Serialization;
using Itm.Data.IO;
using Itm.Data.Text;
using Itm.Model.JointEmbedding;

namespace Itm.Model.Persistence;

/// <summary>A loaded model folder: the model in eval mode, its manifest and its text featurizer.</summary>
public sealed class LoadedModel : IDisposable
{
    public LoadedModel(JointEmbeddingModel model, ModelManifest manifest, ITextFeaturizer featurizer)
    {
        Model = model;
        Manifest = manifest;
        Featurizer = featurizer;
    }

    public JointEmbeddingModel Model { get; }

    public ModelManifest Manifest { get; }

    public ITextFeaturizer Featurizer { get; }

    /// <summary>
    /// Joint-space vectors (row-major N × D, L2-normalised) of raw sentences: tokenised and featurised the way the
    /// model was trained. This is the one entry point for query text, so every text model is reached the same way.
    /// </summary>
    public float[] EncodeSentences(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var features = sentences.Select(s => Featurizer.Featurize(Tokenizer.Tokenize(s))).ToList();
        return Embedder.EncodeTexts(Model, features);
    }

    public void Dispose() => Model.Dispose();
}

/// <summary>
/// The model folder contract: <c>model.json</c> (manifest), <c>weights.dat</c> (TorchSharp state
/// dict with the pinned key names), <c>text-features.json</c> (vocabulary or n-gram features), plus
/// whatever the trainer adds (history, plot, checkpoints). Loading checks the format version, the
/// featurizer hash and every state-dict key and shape, and fails with a clear message on any mismatch.
/// </summary>
public static class ModelFolder
{
    public const string ManifestFile = "model.json";
    public const string WeightsFile = "weights.dat";
    public const string FeaturizerFile = "text-features.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Describes a model's state dict as "key [shape]" lines: the contract the manifest pins.</summary>
    public static IReadOnlyList<string> DescribeStateDict(JointEmbeddingModel model) =>
        model.state_dict().Select(kv => $"{kv.Key} [{string.Join(',', kv.Value.shape)}]").ToList();

    public static void Save(string folder, JointEmbeddingModel model, ModelManifest manifest, ITextFeaturizer featurizer)
    {
        Directory.CreateDirectory(folder);
        featurizer.Save(Path.Combine(folder, FeaturizerFile));
        AtomicFile.WriteVia(Path.Combine(folder, WeightsFile), temporary => model.save(temporary));
        WriteManifest(folder, manifest with { StateDict = DescribeStateDict(model), TextFeaturizerHash = featurizer.Hash });
    }

    public static void WriteManifest(string folder, ModelManifest manifest)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, Json));
    }

    public static ModelManifest ReadManifest(string folder)
    {
        string path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path))
        {
            throw new ModelFolderException($"{folder} is not a model folder: {ManifestFile} is missing. Train one with `itm train ... --out {folder}`.");
        }

        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ModelFolderException($"{path} is not a valid model manifest: {e.Message}");
        }

        if (manifest is null || manifest.Format != ModelManifest.FormatName)
        {
            throw new ModelFolderException($"{path} is not an itm model manifest.");
        }

        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
        {
            throw new ModelFolderException(
                $"{path} has model format version {manifest.FormatVersion}; this itm reads version {ModelManifest.CurrentFormatVersion}. Retrain the model with this version.");
        }

        return manifest;
    }

    public static LoadedModel Load(string folder)
    {
        var manifest = ReadManifest(folder);
        string featurizerPath = Path.Combine(folder, FeaturizerFile);
        if (!File.Exists(featurizerPath))
        {
            throw new ModelFolderException($"{featurizerPath} is missing: the model folder is incomplete.");
        }

        var featurizer = TextFeaturizerFile.Load(featurizerPath);
        if (featurizer.Hash != manifest.TextFeaturizerHash)
        {
            throw new ModelFolderException(
                $"{featurizerPath} does not match {ManifestFile} (featurizer hash {featurizer.Hash[..12]} vs {manifest.TextFeaturizerHash[..Math.Min(12, manifest.TextFeaturizerHash.Length)]}). The folder was modified; retrain or restore it.");
        }

        var model = JointEmbeddingFactory.Create(manifest.Joint, featurizer.FeatureCount, manifest.ImageInput.Shape);
        var expected = DescribeStateDict(model);
        var missing = expected.Except(manifest.StateDict).ToList();
        var extra = manifest.StateDict.Except(expected).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            model.Dispose();
            throw new ModelFolderException(
                $"{Path.Combine(folder, ManifestFile)} describes weights this code does not build " +
                $"(expected but absent: {string.Join("; ", missing.Take(3))}; present but unexpected: {string.Join("; ", extra.Take(3))}). " +
                "The model was made by a different itm version; retrain it.");
        }

        string weights = Path.Combine(folder, WeightsFile);
        if (!File.Exists(weights))
        {
            model.Dispose();
            throw new ModelFolderException($"{weights} is missing: the model folder is incomplete.");
        }

        model.load(weights, strict: true);
        model.eval();
        return new LoadedModel(model, manifest, featurizer);
    }
}

/// <summary>A model folder that can't be used, with a message that names the file and what to do.</summary>
public sealed class ModelFolderException : Exception
{
    public ModelFolderException(string message)
        : base(message)
    {
    }
}
