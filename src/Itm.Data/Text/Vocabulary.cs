using System.Text.Json;

namespace Itm.Data.Text;

/// <summary>
/// Word ↔ id table for sequence text encoders. Id 0 is <c>&lt;pad&gt;</c>, id 1 is <c>&lt;unk&gt;</c> (every word not in the
/// table), then words by descending training frequency, ties in ordinal string order, so the same captions always
/// give the same ids. <see cref="Hash"/> identifies the exact table, for model manifests.
/// </summary>
public sealed class Vocabulary
{
    public const int PadId = 0;
    public const int UnknownId = 1;
    public const string PadToken = "<pad>";
    public const string UnknownToken = "<unk>";

    private const string FileKind = "vocabulary";

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int id = 0; id < tokens.Length; id++)
        {
            if (!_ids.TryAdd(tokens[id], id))
            {
                throw new ArgumentException($"Token \"{tokens[id]}\" appears twice in the vocabulary.");
            }
        }

        Hash = TokenListHash.Compute(tokens);
    }

    /// <summary>Number of ids, the two reserved ones included.</summary>
    public int Count => _tokens.Length;

    /// <summary>Every token, indexed by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>SHA-256 (lower-case hex) of the ordered token list, reserved tokens included.</summary>
    public string Hash { get; }

    /// <summary>
    /// Builds a vocabulary from tokenized sentences. Pass ONLY the training split's captions: a vocabulary that has
    /// seen validation or test words leaks them into training (vsepp's published vocabulary did), and choosing the
    /// split is the caller's job because this method cannot tell.
    /// </summary>
    /// <param name="minCount">Words seen fewer times than this map to <c>&lt;unk&gt;</c>.</param>
    /// <param name="maxSize">Largest <see cref="Count"/>, the two reserved ids included; the least frequent words are dropped.</param>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> sentences, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (maxSize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "A vocabulary holds at least <pad> and <unk>.");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (IReadOnlyList<string> sentence in sentences)
        {
            foreach (string token in sentence)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }

        // A literal "<pad>" or "<unk>" in the data already has its reserved id; counting it would make a second entry.
        counts.Remove(PadToken);
        counts.Remove(UnknownToken);
        List<string> words = FrequencyRanking.Rank(counts, (_, count) => count >= minCount, (maxSize ?? int.MaxValue) - 2);
        return new Vocabulary([PadToken, UnknownToken, .. words]);
    }

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/> when it is not in the vocabulary.</summary>
    public int IdOf(string token) => _ids.TryGetValue(token, out int id) ? id : UnknownId;

    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>This vocabulary's ids unchanged, then the words of <paramref name="other"/> it lacks, in their order there.</summary>
    public Vocabulary ExtendedWith(Vocabulary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Vocabulary([.. _tokens, .. other._tokens.Where(t => !_ids.ContainsKey(t))]);
    }

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string TokenOf(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        return _tokens[id];
    }

    /// <summary>Writes <c>{"kind": "vocabulary", "version", "hash", "tokens": [...]}</c> atomically.</summary>
    public void Save(string path) => TextFeatureFile.Save(path, FileKind, Hash, WriteTokens);

    /// <summary>Reads a saved vocabulary; throws <see cref="InvalidDataException"/> when the file is damaged or edited.</summary>
    public static Vocabulary Load(string path)
    {
        using JsonDocument document = TextFeatureFile.Open(path);
        JsonElement root = document.RootElement;
        string storedHash = TextFeatureFile.CheckHeader(root, path, FileKind);
        Vocabulary vocabulary = FromTokens(TextFeatureFile.Strings(root, "tokens", path), path);
        TextFeatureFile.CheckHash(path, storedHash, vocabulary.Hash);
        return vocabulary;
    }

    internal void WriteTokens(Utf8JsonWriter writer) => TextFeatureFile.WriteStrings(writer, "tokens", _tokens);

    /// <summary>A vocabulary from a saved token list (a vocabulary file, or a featurizer file that embeds one).</summary>
    internal static Vocabulary FromTokens(List<string> tokens, string path)
    {
        if (tokens.Count < 2 || tokens[PadId] != PadToken || tokens[UnknownId] != UnknownToken)
        {
            throw new InvalidDataException($"{path}: the tokens must start with \"{PadToken}\", \"{UnknownToken}\". Rebuild the vocabulary.");
        }

        try
        {
            return new Vocabulary([.. tokens]);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message} Rebuild the vocabulary.", ex);
        }
    }
}
