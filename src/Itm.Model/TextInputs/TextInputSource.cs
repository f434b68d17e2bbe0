using Itm.Data.Text;
using Itm.Data;
using Itm.Model.Features;
using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;

namespace Itm.Model.TextInputs;

/// <summary>
/// Where a model's text inputs come from: its featurizer (bow, n-grams, SSE: token ids, built from the training
/// split and saved beside the model), a frozen pretrained sentence encoder (MiniLM: one vector per distinct
/// sentence, behind the on-disk cache so a dataset is encoded once), or both (the hybrid channel). The text twin of
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

    /// <summary>The featurizer to save beside the model; null for a pretrained sentence encoder alone, which ships with itm.</summary>
    public ITextFeaturizer? Featurizer => featurizer;

    /// <summary>True when sentences go through a pretrained encoder (worth a progress bar and a cache).</summary>
    public bool IsPretrained => extractor is not null;

    /// <summary>
    /// What the manifest records as the text featurizer hash: the featurizer's hash, the pretrained encoder's
    /// fingerprint, or both joined by '+'. A model only loads with the same one.
    /// </summary>
    public string Hash => (featurizer, extractor) switch
    {
        (not null, null) => featurizer.Hash,
        (null, not null) => extractor.Fingerprint,
        _ => $"{extractor!.Fingerprint}+{featurizer!.Hash}",
    };

    /// <summary>
    /// The width the text encoder is built for: the featurizer's id count, or the sentence vectors' dimension when
    /// there is no featurizer (an encoder that reads both knows its pretrained encoder's width).
    /// </summary>
    public int FeatureCount => featurizer?.FeatureCount ?? extractor!.Dimension;

    public static TextInputSource FromFeaturizer(ITextFeaturizer featurizer) =>
        new(featurizer ?? throw new ArgumentNullException(nameof(featurizer)), null);

    /// <summary>A source over a pretrained encoder; the source disposes it.</summary>
    public static TextInputSource FromExtractor(ISentenceFeatureExtractor extractor) =>
        new(null, extractor ?? throw new ArgumentNullException(nameof(extractor)));

    /// <summary>A source of both a featurizer's ids and a pretrained encoder's vectors; the source disposes the encoder.</summary>
    public static TextInputSource FromBoth(ITextFeaturizer featurizer, ISentenceFeatureExtractor extractor) =>
        new(featurizer ?? throw new ArgumentNullException(nameof(featurizer)), extractor ?? throw new ArgumentNullException(nameof(extractor)));

    /// <summary>
    /// The source the options' text encoder reads (its spec's <see cref="Catalog.TextEncoderSpec.CreateSource"/>): the
    /// featurizer that <paramref name="featurizer"/> builds or loads, or a pretrained sentence encoder.
    /// </summary>
    public static TextInputSource Create(TextEncoderOptions options, Func<ITextFeaturizer> featurizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Model.CreateSource(options, featurizer);
    }

    /// <summary>
    /// One input per caption, in order: the featurized tokens, or the pretrained vector of the raw sentence (each
    /// distinct sentence encoded once, read from and written to <paramref name="cache"/> when one is given).
    /// </summary>
    /// <param name="progress">Captions done, for a pretrained encoder.</param>
    public TextInputs Load(IReadOnlyList<Caption> captions, FeatureCache? cache, IProgress<int>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(captions);
        var extraction = extractor is null ? null
            : new CachedSentenceExtractor(extractor, cache).Extract([.. captions.Select(c => c.Raw)], progress, cancellation);
        var inputs = captions.Select((caption, i) => (featurizer, extraction) switch
        {
            (not null, null) => TextInput.FromIds(featurizer.Featurize(caption.Tokens)),
            (null, not null) => TextInput.FromVector(extraction.Vectors[i]),
            _ => TextInput.FromBoth(featurizer!.Featurize(caption.Tokens), extraction!.Vectors[i]),
        });
        return new TextInputs([.. inputs], extraction);
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
