using Itm.Data.Images;
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
    /// For <see cref="ImageModel.ResNet18Tune"/>: the pretrained block the inputs enter, read from the same model file
    /// that computes them, for a new model to start from; null for the other models.
    /// </summary>
    public ResNet18LastBlock? PretrainedBlock { get; }

    public static ImageInputSource Create(ImageEncoderOptions options, string? cacheDir) => options.Model switch
    {
        ImageModel.ResNet18 => WithFeatures(new ResNet18Featurizer(), cacheDir),
        ImageModel.ConvNet => new ImageInputSource(new PixelExtractor(options.PixelSize), [3, options.PixelSize, options.PixelSize], cacheDir),
        ImageModel.ResNet18Tune => WithBlockInput(new ResNet18Featurizer(new ResNet18Options { Output = ResNet18Output.LastBlockInput }), cacheDir),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Model, "Unknown image model."),
    };

    /// <summary>The source a trained model needs; refuses one whose preprocessing differs from training.</summary>
    public static ImageInputSource ForModel(ModelManifest manifest, string? cacheDir)
    {
        var source = Create(manifest.Joint.Image, cacheDir);
        if (source.Fingerprint != manifest.ImageInput.Fingerprint)
        {
            string trained = manifest.ImageInput.Fingerprint;
            source.Dispose();
            throw new ModelFolderException(
                $"The model was trained on {manifest.ImageInput.Extractor} inputs with fingerprint {trained[..Math.Min(12, trained.Length)]}, " +
                $"but this itm computes {source.Name} inputs with fingerprint {source.Fingerprint[..12]} (another model file or preprocessing). Retrain the model.");
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

    private static ImageInputSource WithFeatures(IDecodedImageFeaturizer extractor, string? cacheDir) =>
        new(extractor, [extractor.Dimension], cacheDir);

    private static ImageInputSource WithBlockInput(ResNet18Featurizer featurizer, string? cacheDir) =>
        new(featurizer, featurizer.OutputShape, cacheDir, featurizer.LastBlock);

    private sealed class ProgressAdapter(IProgress<int> inner) : IProgress<FeatureProgress>
    {
        public void Report(FeatureProgress value) => inner.Report(value.Completed);
    }
}
