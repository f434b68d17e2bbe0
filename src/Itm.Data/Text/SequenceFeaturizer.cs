using System.Globalization;
using System.Text.Json;

namespace Itm.Data.Text;

/// <summary>
/// Word-id sequences for recurrent or attention text encoders: token ids in order (words not in the
/// <see cref="Vocabulary"/> → <see cref="Vocabulary.UnknownId"/>), cut to <see cref="MaxLength"/>. An empty sentence
/// gives [<see cref="Vocabulary.UnknownId"/>] so every sentence has at least one step. Padding is the batcher's job
/// (id <see cref="Vocabulary.PadId"/>).
/// </summary>
public sealed class SequenceFeaturizer : ITextFeaturizer
{
    public const int DefaultMaxLength = 32;

    internal const string FileKind = "sequence";

    public SequenceFeaturizer(Vocabulary vocabulary, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        Vocabulary = vocabulary;
        MaxLength = maxLength;
        Hash = TokenListHash.Compute([FileKind, maxLength.ToString(CultureInfo.InvariantCulture), vocabulary.Hash]);
    }

    public Vocabulary Vocabulary { get; }

    /// <summary>Longest sequence returned; longer sentences lose their tail (captions rarely exceed 30 words).</summary>
    public int MaxLength { get; }

    public int FeatureCount => Vocabulary.Count;

    /// <summary>SHA-256 over the kind, <see cref="MaxLength"/> and the vocabulary's hash.</summary>
    public string Hash { get; }

    public int[] Featurize(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
        {
            return [Vocabulary.UnknownId];
        }

        int[] ids = new int[Math.Min(tokens.Count, MaxLength)];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = Vocabulary.IdOf(tokens[i]);
        }

        return ids;
    }

    public ITextFeaturizer ExtendedWith(ITextFeaturizer other)
    {
        if (other is not SequenceFeaturizer sequence || sequence.MaxLength != MaxLength)
        {
            throw new ArgumentException(
                $"Word sequences of at most {MaxLength} ids extend only with others of that length, not with {Describe(other)}.", nameof(other));
        }

        return new SequenceFeaturizer(Vocabulary.ExtendedWith(sequence.Vocabulary), MaxLength);
    }

    private static string Describe(ITextFeaturizer other) =>
        other is SequenceFeaturizer sequence ? $"sequences of at most {sequence.MaxLength}" : other.GetType().Name;

    /// <summary>Writes <c>{"kind": "sequence", "version", "hash", "maxLength", "tokens": [...]}</c> atomically; the vocabulary is embedded.</summary>
    public void Save(string path) => TextFeatureFile.Save(path, FileKind, Hash, writer =>
    {
        writer.WriteNumber("maxLength", MaxLength);
        Vocabulary.WriteTokens(writer);
    });

    /// <summary>Reads a saved sequence featurizer; throws <see cref="InvalidDataException"/> when the file is damaged or edited.</summary>
    public static SequenceFeaturizer Load(string path)
    {
        using JsonDocument document = TextFeatureFile.Open(path);
        return FromJson(document.RootElement, path);
    }

    internal static SequenceFeaturizer FromJson(JsonElement root, string path)
    {
        string storedHash = TextFeatureFile.CheckHeader(root, path, FileKind);
        int maxLength = TextFeatureFile.Int(root, "maxLength", path);
        if (maxLength < 1)
        {
            throw new InvalidDataException($"{path}: maxLength is {maxLength}; it must be at least 1.");
        }

        var featurizer = new SequenceFeaturizer(Vocabulary.FromTokens(TextFeatureFile.Strings(root, "tokens", path), path), maxLength);
        TextFeatureFile.CheckHash(path, storedHash, featurizer.Hash);
        return featurizer;
    }
}
