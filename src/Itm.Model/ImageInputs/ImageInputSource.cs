using Itm.Data.Images;
using Itm.Model.Catalog;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;

namespace Itm.Model.ImageInputs;

/// <summary>
/// Where a model's image inputs come from: the pretrained ResNet18 (pooled features, or the input of its last
/// block for the model that fine-tunes that block) or pixels for the trainable ConvNet, all behind the on-disk
/// feature cache so each image is decoded and run once.
/// </summary>
public sealed class ImageInputSource : IDisposable
{
    private readonly IDecodedImageFeaturizer extractor;
    private readonly FeatureCache cache;

    private ImageInputSource(IDecodedImageFeaturizer extractor, IReadOnlyList<int> shape, string? cacheDir, ResNet18LastBlock? pretrainedBlock = null)
    {
        this.extractor = extractor;
        Shape = shape;
        cache = new FeatureCache(cacheDir);
        PretrainedBlock = pretrainedBlock;
    }

    public string Name => extractor.Name;

    public string Fingerprint => extractor.Fingerprint;

    /// <summary>Shape of one image's input: <c>[F]</c>, <c>[C, S, S]</c> (a block's input) or <c>[3, S, S]</c>.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>
    /// For an encoder that fine-tunes ResNet18's last block (resnet18tune): the pretrained block the inputs enter, read
    /// from the same model file that computes them, for a new model to start from; null for the other encoders.
    /// </summary>
    public ResNet18LastBlock? PretrainedBlock { get; }

    /// <summary>The source the options' image encoder reads (its spec's <see cref="ImageEncoderSpec.CreateSource"/>).</summary>
    public static ImageInputSource Create(ImageEncoderOptions options, string? cacheDir)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Model.CreateSource(options, cacheDir);
    }

    /// <summary>A source of <paramref name="extractor"/>'s inputs of <paramref name="shape"/> each; the source disposes it.</summary>
    public static ImageInputSource FromExtractor(IDecodedImageFeaturizer extractor, IReadOnlyList<int> shape, string? cacheDir) =>
        new(extractor ?? throw new ArgumentNullException(nameof(extractor)), shape, cacheDir);

    /// <summary>A source of a pretrained network's pooled feature vectors.</summary>
    public static ImageInputSource FromFeatures(IDecodedImageFeaturizer extractor, string? cacheDir) =>
        new(extractor ?? throw new ArgumentNullException(nameof(extractor)), [extractor.Dimension], cacheDir);

    /// <summary>A source of ResNet18's maps at the input of its last block, with that block for a new model to start from.</summary>
    public static ImageInputSource FromBlockInput(ResNet18Featurizer featurizer, string? cacheDir) =>
        new(featurizer ?? throw new ArgumentNullException(nameof(featurizer)), featurizer.OutputShape, cacheDir, featurizer.LastBlock);


    /// <summary>The source a trained model needs; refuses one whose preprocessing differs from training.</summary>
    public static ImageInputSource ForModel(ModelManifest manifest, string? cacheDir)
    {
        var source = Create(manifest.Joint.Image, cacheDir);
        if (source.Fingerprint != manifest.ImageInput.Fingerprint)
        {
            string trained = manifest.ImageInput.Fingerprint;
            source.Dispose();
            throw new ModelFolderException(
                $"The model was trained on {manifest.ImageInput.Extractor} inputs with fingerprint {InputFingerprint.Shown(trained)}, " +
                $"but this itm computes {source.Name} inputs with fingerprint {InputFingerprint.Shown(source.Fingerprint)} " +
                $"(another model file or preprocessing, or {InputFingerprint.Int8SchemeChanged}). Retrain the model.");
        }

        return source;
    }

    /// <summary>
    /// Every image's input, in the order given. An unreadable image fails with the file named, or,
    /// with <paramref name="skipUnreadable"/>, is left out and listed in <see cref="ImageInputs.Unreadable"/>.
    /// </summary>
    public ImageInputs Load(IReadOnlyList<string> paths, bool skipUnreadable, IProgress<int>? progress, CancellationToken cancellation)
    {
        var cached = new CachedFeatureExtractor(extractor, cache, new CachedFeatureExtractorOptions { SkipUnreadable = skipUnreadable });
        var result = cached.Extract(paths, progress is null ? null : new ProgressAdapter(progress), cancellation);
        var rows = result.Features.Where(row => row is not null).Select(row => row!).ToArray();
        return new ImageInputs(rows, Shape, result.CacheHits, result.Unreadable);
    }

    /// <summary>The image at <paramref name="path"/> decoded, resized and cropped as <see cref="Load"/> reads it, for editing in memory.</summary>
    public RgbImage Decode(string path) => extractor.Decode(path);

    /// <summary>The inputs of images from <see cref="Decode"/>, edited or not: what <see cref="Load"/> gives for their files. Never cached.</summary>
    public ImageInputs FromDecoded(IReadOnlyList<RgbImage> images) => new(extractor.Featurize(images), Shape, cacheHits: 0, unreadable: []);

    /// <summary>The colour the preprocessing maps to nothing (all zeros, or nearly): what to paint over a region to hide it from the network.</summary>
    public (byte R, byte G, byte B) NeutralColour => extractor.Normalization.NeutralColour();

    public void Dispose() => (extractor as IDisposable)?.Dispose();

    private sealed class ProgressAdapter(IProgress<int> inner) : IProgress<FeatureProgress>
    {
        public void Report(FeatureProgress value) => inner.Report(value.Completed);
    }
}
