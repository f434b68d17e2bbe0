using System.Text.Json;

namespace Itm.Data.Text;

/// <summary>Loads any saved <see cref="ITextFeaturizer"/>, choosing the type from the file's "kind" field.</summary>
public static class TextFeaturizerFile
{
    /// <summary>Reads the featurizer saved at <paramref name="path"/>; throws <see cref="InvalidDataException"/> for unknown kinds and damaged files.</summary>
    public static ITextFeaturizer Load(string path)
    {
        using JsonDocument document = TextFeatureFile.Open(path);
        JsonElement root = document.RootElement;
        return TextFeatureFile.Kind(root, path) switch
        {
            NGramFeaturizer.FileKind => NGramFeaturizer.FromJson(root, path),
            SequenceFeaturizer.FileKind => SequenceFeaturizer.FromJson(root, path),
            var kind => throw new InvalidDataException(
                $"{path} holds a \"{kind}\"; a text featurizer file is of kind \"{NGramFeaturizer.FileKind}\" or \"{SequenceFeaturizer.FileKind}\"."),
        };
    }
}
