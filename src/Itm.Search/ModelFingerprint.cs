using System.Security.Cryptography;
using System.Text;
using Itm.Model.Persistence;

namespace Itm.Search;

/// <summary>
/// What makes two model folders produce the same vectors: SHA-256 over the weights file's hash, the image-input
/// fingerprint (extractor and preprocessing) and the text featurizer's hash. A retrained, fine-tuned or re-featurized
/// model gets another fingerprint; the same model copied elsewhere keeps its own.
/// </summary>
public static class ModelFingerprint
{
    public static string Compute(string modelDir, ModelManifest manifest)
    {
        string weights = Path.Combine(modelDir, ModelFolder.WeightsFile);
        if (!File.Exists(weights))
        {
            throw new ModelFolderException($"{weights} is missing: the model folder is incomplete.");
        }

        string weightsHash = ModelFolder.HashWeights(weights);
        string identity = $"weights {weightsHash}\nimage-input {manifest.ImageInput.Fingerprint}\ntext-features {manifest.TextFeaturizerHash}\n";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }
}
