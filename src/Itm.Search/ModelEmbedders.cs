using Itm.Data.Images;
using Itm.Data.Ranking;
using Itm.Index;
using Itm.Index.Indexing;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Search.Explanations;

namespace Itm.Search;

/// <summary>
/// A model folder as the index sees it: images go through the model's own input pipeline (ResNet18 features or pixels,
/// behind the feature cache) and image channel; sentences through <see cref="LoadedModel.EncodeSentences"/>. Decoded
/// pixels, edited in memory, go through the same preprocessing and channel (<see cref="IPixelEmbedder"/>), and so does
/// Grad-CAM where the image channel has maps (<see cref="IGradCamChannel"/>). The model
/// is loaded on first use, so a run or a query that needs no embedding never pays for loading it.
/// </summary>
public sealed class ModelEmbedders : IImageEmbedder, ITextEmbedder, IPixelEmbedder, IGradCamChannel, IDisposable
{
    private readonly string modelDir;
    private readonly string? cacheDir;
    private readonly string? expectedFingerprint;
    private readonly string? indexDir;
    private LoadedModel? model;
    private ImageInputSource? source;

    /// <param name="expectedFingerprint">When set, loading checks that the folder still holds the model an index was built with.</param>
    /// <param name="indexDir">The index that needs the model, named in errors.</param>
    public ModelEmbedders(string modelDir, string? cacheDir, string? expectedFingerprint = null, string? indexDir = null)
    {
        this.modelDir = Path.GetFullPath(modelDir);
        this.cacheDir = cacheDir;
        this.expectedFingerprint = expectedFingerprint;
        this.indexDir = indexDir;
    }

    /// <summary>True once the model has been loaded.</summary>
    public bool IsLoaded => model is not null;

    /// <summary>Loads the model now rather than on first use, so a folder that can't be used fails here; returns it (still owned by this object).</summary>
    public LoadedModel Load() => LoadModel();

    public EmbeddedImages Embed(IReadOnlyList<string> paths, IProgress<int>? progress, CancellationToken cancellation)
    {
        var (loaded, inputSource) = (LoadModel(), LoadSource());
        var inputs = inputSource.Load(paths, skipUnreadable: true, progress, cancellation);
        var unreadable = inputs.Unreadable.Select(e => new UnreadableImage(e.Path, e.Reason)).ToList();
        var bad = unreadable.Select(u => u.Path).ToHashSet(StringComparer.Ordinal);
        var embedded = Enumerable.Range(0, paths.Count).Where(i => !bad.Contains(paths[i])).ToList();
        if (inputs.Count == 0)
        {
            return new EmbeddedImages(embedded, [], unreadable);
        }

        using var tensor = inputs.ToTensor(0, inputs.Count);
        return new EmbeddedImages(embedded, Embedder.EncodeImages(loaded.Model, tensor), unreadable);
    }

    /// <summary>The vector of one image; an unreadable file throws the decoder's error naming it.</summary>
    public float[] EmbedImage(string path, CancellationToken cancellation = default)
    {
        var (loaded, inputSource) = (LoadModel(), LoadSource());
        var inputs = inputSource.Load([path], skipUnreadable: false, progress: null, cancellation);
        using var tensor = inputs.ToTensor(0, 1);
        return Embedder.EncodeImages(loaded.Model, tensor);
    }

    public float[] Embed(IReadOnlyList<string> sentences) => LoadModel().EncodeSentences(sentences);

    public (byte R, byte G, byte B) NeutralColour => LoadSource().NeutralColour;

    /// <summary>The image at <paramref name="path"/> as the image channel takes it (decoded, resized, cropped), for <see cref="Embed(IReadOnlyList{RgbImage})"/>.</summary>
    public RgbImage DecodeImage(string path) => LoadSource().Decode(path);

    public float[] Embed(IReadOnlyList<RgbImage> images)
    {
        var (loaded, inputSource) = (LoadModel(), LoadSource());
        using var tensor = inputSource.FromDecoded(images).ToTensor(0, images.Count);
        return Embedder.EncodeImages(loaded.Model, tensor);
    }

    public Heatmap GradCam(RgbImage image, ReadOnlySpan<float> query, int? layer) => GradCam(image, query, layer, centre: null);

    /// <summary>Grad-CAM of the score against image vectors centred on <paramref name="centre"/> (null: as the model gives them).</summary>
    public Heatmap GradCam(RgbImage image, ReadOnlySpan<float> query, int? layer, CollectionCentre? centre)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckGradCam(layer);
        var (loaded, inputSource) = (LoadModel(), LoadSource());
        using var tensor = inputSource.FromDecoded([image]).ToTensor(0, 1);
        var map = Itm.Model.Explanations.GradCam.Compute(loaded.Model, tensor, query, layer, centre);
        return new Heatmap(map.Rows, map.Cols, map.Values);
    }

    /// <summary>
    /// Throws <see cref="GradCamUnavailableException"/>, naming the image model, unless its image encoder has spatial maps
    /// at <paramref name="layer"/> (null: at any layer). Loads the model's weights, not its image pipeline, so a model that can't is refused cheaply.
    /// </summary>
    public void CheckGradCam(int? layer)
    {
        var loaded = LoadModel();
        int layers = loaded.Model.ImageMapLayers;
        string name = loaded.Manifest.Joint.Image.Model.Name;
        if (layers == 0)
        {
            throw new GradCamUnavailableException(
                $"Grad-CAM needs spatial maps in the trained part of the image encoder, and the model at {modelDir} uses the image model {name}: " +
                "frozen pretrained features, pooled to one vector before anything is trained. Use the occlusion method, which works with any image model " +
                "(Grad-CAM works with convnet and resnet18tune).",
                "method");
        }

        if (layer >= layers)
        {
            throw new GradCamUnavailableException(
                $"Grad-CAM layer {layer} is deeper than the {name} image encoder goes: it has {layers} layers of maps, 0 (the last) to {layers - 1}.",
                "layer");
        }
    }

    public void Dispose()
    {
        source?.Dispose();
        model?.Dispose();
    }

    private LoadedModel LoadModel()
    {
        if (model is not null)
        {
            return model;
        }

        try
        {
            var loaded = ModelFolder.Load(modelDir);
            if (expectedFingerprint is not null && ModelFingerprint.Compute(modelDir, loaded.Manifest) != expectedFingerprint)
            {
                loaded.Dispose();
                throw new IndexFolderException(
                    $"The model at {modelDir} has changed since the index {indexDir} was built (its weights or inputs differ). " +
                    $"Re-embed the images with it: `itm index --model {modelDir} --images FOLDER --db {indexDir} --reembed`.",
                    IndexProblem.ModelMismatch);
            }

            return model = loaded;
        }
        catch (ModelFolderException e) when (indexDir is not null)
        {
            throw new ModelFolderException($"The index {indexDir} was built with the model at {modelDir}, which can't be used now: {e.Message}");
        }
    }

    // Separate from the model: the pretrained image network is large to open, and a text query never needs it.
    private ImageInputSource LoadSource() => source ??= ImageInputSource.ForModel(LoadModel().Manifest, cacheDir);
}
