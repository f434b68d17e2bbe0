using System.Text.Json;

namespace Itm.Data.Text;

/// <summary>
/// Bag-of-n-grams featurizer (the paper's BoW / n-gram text models). Feature 0 is the unknown-feature bucket;
/// features 1.. are the n-grams kept from the training captions, by descending frequency, ties in ordinal order.
/// <see cref="Featurize"/> returns the distinct ids present, sorted; a sentence with no known feature returns [0]
/// (0 is returned only then, so it marks "nothing recognised" rather than appearing in almost every n-gram bag).
/// A table built with <see cref="SkipsLeadingArticle"/> reads a sentence without its leading article ("A badger." as
/// "badger"): the article says nothing about the picture, and where names are the captions ("letter a", "a" alone) the
/// word "a" is a letter, so a query's article would pull letters forward. Tables saved before the rule read every word.
/// </summary>
public sealed class NGramFeaturizer : ITextFeaturizer
{
    public const int UnknownFeatureId = 0;
    public const int DefaultMaxFeatures = 50000;

    internal const string FileKind = "ngram";

    private const string SkipLeadingArticleField = "skipLeadingArticle";

    private readonly string[] _features;
    private readonly Dictionary<string, int> _ids;

    private NGramFeaturizer(NGramScheme scheme, string[] features, bool skipLeadingArticle)
    {
        Scheme = scheme;
        SkipsLeadingArticle = skipLeadingArticle;
        _features = features;
        _ids = new Dictionary<string, int>(features.Length, StringComparer.Ordinal);
        for (int i = 0; i < features.Length; i++)
        {
            if (!_ids.TryAdd(features[i], i + 1))
            {
                throw new ArgumentException($"Feature \"{features[i]}\" appears twice.");
            }
        }

        Hash = ComputeHash(scheme, features, skipLeadingArticle);
    }

    public NGramScheme Scheme { get; }

    /// <summary>Whether a sentence's first word is left out when it is an article and not the whole sentence.</summary>
    public bool SkipsLeadingArticle { get; }

    /// <summary>The kept n-grams; feature id = index + 1 (id 0 is the unknown bucket).</summary>
    public IReadOnlyList<string> Features => _features;

    public int FeatureCount => _features.Length + 1;

    /// <summary>SHA-256 over the scheme and the ordered feature list.</summary>
    public string Hash { get; }

    /// <summary>
    /// Builds the feature table. Pass ONLY the training split's sentences (as for <see cref="Vocabulary.Build"/>).
    /// </summary>
    /// <param name="minCount">N-grams (pairs and longer) seen fewer times are dropped; single words are kept from one occurrence.</param>
    /// <param name="maxFeatures">Largest <see cref="FeatureCount"/>, the unknown bucket included; the rarest features are dropped.</param>
    /// <param name="skipLeadingArticle">Read every sentence, in training and after, without its leading article (<see cref="SkipsLeadingArticle"/>).</param>
    public static NGramFeaturizer Build(
        NGramScheme scheme, IEnumerable<IReadOnlyList<string>> trainSentences, int minCount = 2, int maxFeatures = DefaultMaxFeatures,
        bool skipLeadingArticle = false)
    {
        ArgumentNullException.ThrowIfNull(trainSentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeatures, 2);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (IReadOnlyList<string> tokens in trainSentences)
        {
            var sentence = skipLeadingArticle ? WithoutLeadingArticle(tokens) : tokens;
            words.UnionWith(sentence);
            foreach (string feature in NGrams.Extract(scheme, sentence))
            {
                counts[feature] = counts.GetValueOrDefault(feature) + 1;
            }
        }

        // Rare words still carry meaning on their own; rare pairs and triples are mostly noise that only memorises captions.
        List<string> kept = FrequencyRanking.Rank(counts, (feature, count) => count >= minCount || words.Contains(feature), maxFeatures - 1);
        return new NGramFeaturizer(scheme, [.. kept], skipLeadingArticle);
    }

    public ITextFeaturizer ExtendedWith(ITextFeaturizer other)
    {
        // Each scheme's n-grams include those of the schemes before it, so a wider table reads every feature of this one.
        if (other is not NGramFeaturizer table || table.Scheme < Scheme)
        {
            throw new ArgumentException(
                $"An n-gram table over {Scheme} extends only with one over the same n-grams or more, not with {Describe(other)}.", nameof(other));
        }

        return new NGramFeaturizer(table.Scheme, [.. _features, .. table._features.Where(f => !_ids.ContainsKey(f))], SkipsLeadingArticle);
    }

    private static string Describe(ITextFeaturizer other) =>
        other is NGramFeaturizer table ? $"one over {table.Scheme}" : other.GetType().Name;

    /// <summary>The id of an n-gram string (as <see cref="NGrams.Extract"/> writes it), or <see cref="UnknownFeatureId"/>.</summary>
    public int IdOf(string feature) => _ids.TryGetValue(feature, out int id) ? id : UnknownFeatureId;

    public int[] Featurize(IReadOnlyList<string> tokens)
    {
        var ids = new SortedSet<int>();
        foreach (string feature in NGrams.Extract(Scheme, SkipsLeadingArticle ? WithoutLeadingArticle(tokens) : tokens))
        {
            if (_ids.TryGetValue(feature, out int id))
            {
                ids.Add(id);
            }
        }

        return ids.Count == 0 ? [UnknownFeatureId] : [.. ids];
    }

    /// <summary>The sentence without its first word when that is an article and more words follow; otherwise the sentence.</summary>
    public static IReadOnlyList<string> WithoutLeadingArticle(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Count > 1 && Articles.Contains(tokens[0]) ? tokens.Skip(1).ToArray() : tokens;
    }

    private static readonly HashSet<string> Articles = new(["a", "an", "the"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes <c>{"kind": "ngram", "version", "hash", "scheme", "skipLeadingArticle", "features": [...]}</c> atomically (the rule only when it applies).</summary>
    public void Save(string path) => TextFeatureFile.Save(path, FileKind, Hash, writer =>
    {
        writer.WriteString("scheme", Scheme.ToString());
        if (SkipsLeadingArticle)
        {
            writer.WriteBoolean(SkipLeadingArticleField, true);
        }

        TextFeatureFile.WriteStrings(writer, "features", _features);
    });

    /// <summary>Reads a saved n-gram featurizer; throws <see cref="InvalidDataException"/> when the file is damaged or edited.</summary>
    public static NGramFeaturizer Load(string path)
    {
        using JsonDocument document = TextFeatureFile.Open(path);
        return FromJson(document.RootElement, path);
    }

    internal static NGramFeaturizer FromJson(JsonElement root, string path)
    {
        string storedHash = TextFeatureFile.CheckHeader(root, path, FileKind);
        string schemeName = TextFeatureFile.String(root, "scheme", path);
        if (!Enum.TryParse(schemeName, ignoreCase: false, out NGramScheme scheme) || !Enum.IsDefined(scheme))
        {
            throw new InvalidDataException($"{path}: scheme \"{schemeName}\" is not one of {string.Join(", ", Enum.GetNames<NGramScheme>())}.");
        }

        NGramFeaturizer featurizer;
        try
        {
            featurizer = new NGramFeaturizer(scheme, [.. TextFeatureFile.Strings(root, "features", path)],
                TextFeatureFile.OptionalBool(root, SkipLeadingArticleField, path, absent: false));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message} Rebuild the featurizer.", ex);
        }

        TextFeatureFile.CheckHash(path, storedHash, featurizer.Hash);
        return featurizer;
    }

    // A table without the rule hashes as tables did before it existed.
    private static string ComputeHash(NGramScheme scheme, string[] features, bool skipLeadingArticle) =>
        TokenListHash.Compute(skipLeadingArticle
            ? [FileKind, scheme.ToString(), SkipLeadingArticleField, .. features]
            : [FileKind, scheme.ToString(), .. features]);
}
