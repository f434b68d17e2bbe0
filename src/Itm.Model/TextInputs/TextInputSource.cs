using Itm.Data;
using Itm.Data.Text;
using Itm.Model.Features;
using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;

namespace Itm.Model.TextInputs;

/// <summary>
/// Where a model's text inputs come from: its featurizer (bow, n-grams, SSE: token ids, built from the training
/// split and saved beside the model) or a frozen pretrained sentence encoder (MiniLM: one vector per distinct
/// sentence, behind the on-disk cache so a dataset is encoded once). The text twin of
/// <see cref="ImageInputs.ImageInputSource"/>.
/// </summary>
public sealed class TextInputSource : IDisposable
{
    private readonly ITextFeaturizer? featurizer;
    private readonly ISentenceFeatureExtractor? extractor;

    private TextInputSource(ITextFeaturizer? featurizer, ISentenceFeatureExtractor? extractor)
    {
        this.featurizer = featurizer;
        this.extractor = extractor;
    }

    /// <summary>For progress lines: the pretrained encoder's name, or "featurizer".</summary>
    public string Name => extractor?.Name ?? "featurizer";

    /// <summary>The featurizer to save beside the model; null for a pretrained sentence encoder, which ships with itm.</summary>
    public ITextFeaturizer? Featurizer => featurizer;

    /// <summary>True when sentences go through a pretrained encoder (worth a progress bar and a cache).</summary>
    public bool IsPretrained => extractor is not null;

    /// <summary>
    /// What the manifest records as the text featurizer hash: the featurizer's hash, or the pretrained encoder's
    /// fingerprint. A model only loads with the same one.
    /// </summary>
    public string Hash => featurizer?.Hash ?? extractor!.Fingerprint;

    /// <summary>The width the text encoder is built for: the featurizer's id count, or the sentence vectors' dimension.</summary>
    public int FeatureCount => featurizer?.FeatureCount ?? extractor!.Dimension;

    public static TextInputSource FromFeaturizer(ITextFeaturizer featurizer) =>
        new(featurizer ?? throw new ArgumentNullException(nameof(featurizer)), null);

    /// <summary>A source over a pretrained encoder; the source disposes it.</summary>
    public static TextInputSource FromExtractor(ISentenceFeatureExtractor extractor) =>
        new(null, extractor ?? throw new ArgumentNullException(nameof(extractor)));

    /// <summary>
    /// The source the options' text encoder reads (its spec's <see cref="Catalog.TextEncoderSpec.CreateSource"/>): the
    /// featurizer that <paramref name="featurizer"/> builds or loads, or a pretrained sentence encoder.
    /// </summary>
    public static TextInputSource Create(TextEncoderOptions options, Func<ITextFeaturizer> featurizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Model.CreateSource(featurizer);
    }

    /// <summary>
    /// One input per caption, in order: the featurized tokens, or the pretrained vector of the raw sentence (each
    /// distinct sentence encoded once, read from and written to <paramref name="cache"/> when one is given).
    /// </summary>
    /// <param name="progress">Captions done, for a pretrained encoder.</param>
    public TextInputs Load(IReadOnlyList<Caption> captions, FeatureCache? cache, IProgress<int>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(captions);
        if (featurizer is not null)
        {
            return new TextInputs([.. captions.Select(c => TextInput.FromIds(featurizer.Featurize(c.Tokens)))], null);
        }

        var result = new CachedSentenceExtractor(extractor!, cache).Extract([.. captions.Select(c => c.Raw)], progress, cancellation);
        return new TextInputs([.. result.Vectors.Select(TextInput.FromVector)], result);
    }

    /// <summary>Inputs for raw query sentences, tokenised by <see cref="Tokenizer"/> as readers do when a dataset gives no tokens; nothing is cached.</summary>
    public IReadOnlyList<TextInput> FromSentences(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var captions = sentences.Select((s, i) => new Caption(i, s, featurizer is null ? [] : Tokenizer.Tokenize(s))).ToList();
        return Load(captions, cache: null, progress: null, CancellationToken.None).Inputs;
    }

    public void Dispose() => (extractor as IDisposable)?.Dispose();
}
