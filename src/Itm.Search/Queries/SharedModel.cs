using Itm.Data.Images;
using Itm.Data.Ranking;
using Itm.Index.Indexing;
using Itm.Search.Explanations;

namespace Itm.Search.Queries;

/// <summary>
/// The index's model shared by queries running side by side. <see cref="ModelEmbedders"/> loads the model and the image
/// pipeline lazily into plain fields, so loading happens here, once, under a lock. Running it: the text channel is called
/// under one lock and the image channel (its feature cache and ONNX session included) under another, so a search never
/// waits behind an upload. The text lock costs nothing when a <see cref="TextEncodeBatcher"/> is the only caller, and keeps
/// the service safe to share without one. Both channels read the same eval-mode TorchSharp module; libtorch's grad mode
/// and TorchSharp's dispose scopes are per thread, so two forward passes at once don't meet.
/// It gives image vectors as the model does; a service over a centred index centres them on its snapshot's centre
/// (<see cref="CentredImageChannel"/>), so services over two snapshots share one model.
/// </summary>
internal sealed class SharedModel : ITextEmbedder, IPixelEmbedder, IGradCamChannel, IDisposable
{
    private readonly ModelEmbedders model;
    private readonly Lock loading = new();
    private readonly Lock textChannel = new();
    private readonly Lock imageChannel = new();
    private volatile bool loaded;

    public SharedModel(ModelEmbedders model)
    {
        this.model = model;
    }

    public bool IsLoaded => model.IsLoaded;

    public float[] Embed(IReadOnlyList<string> sentences)
    {
        Load();
        lock (textChannel)
        {
            return model.Embed(sentences);
        }
    }

    public (byte R, byte G, byte B) NeutralColour => OnImageChannel(() => model.NeutralColour);

    public float[] Embed(IReadOnlyList<RgbImage> images) => OnImageChannel(() => model.Embed(images));

    public float[] EmbedImage(string path) => OnImageChannel(() => model.EmbedImage(path));

    public RgbImage DecodeImage(string path) => OnImageChannel(() => model.DecodeImage(path));

    public Heatmap GradCam(RgbImage image, ReadOnlySpan<float> query, int? layer) => GradCam(image, query, layer, centre: null);

    /// <summary>Grad-CAM of the score against the image vector centred on <paramref name="centre"/> (null: as the model gives it).</summary>
    public Heatmap GradCam(RgbImage image, ReadOnlySpan<float> query, int? layer, CollectionCentre? centre)
    {
        float[] copy = query.ToArray();   // a span can't enter the lambda
        return OnImageChannel(() => model.GradCam(image, copy, layer, centre));
    }

    /// <summary>Reads only the loaded weights' description, so it needs no channel.</summary>
    public void CheckGradCam(int? layer)
    {
        Load();
        model.CheckGradCam(layer);
    }

    public void Dispose() => model.Dispose();

    private T OnImageChannel<T>(Func<T> run)
    {
        Load();
        lock (imageChannel)
        {
            return run();
        }
    }

    /// <summary>Loads the model once; a failure (a changed model folder) is not remembered, so each query says why.</summary>
    private void Load()
    {
        if (loaded)
        {
            return;
        }

        lock (loading)
        {
            if (!loaded)
            {
                model.Load();
                loaded = true;
            }
        }
    }
}
