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
/// An index whose image vectors are centred on its collection (<see cref="CollectionCentre"/>) gets every image vector
/// from here centred on the same centre, so an uploaded picture or an explanation's edited pixels score as the stored vectors do.
/// </summary>
internal sealed class SharedModel : ITextEmbedder, IPixelEmbedder, IGradCamChannel, IDisposable
{
    private readonly ModelEmbedders model;
    private readonly CollectionCentre? centre;
    private readonly Lock loading = new();
    private readonly Lock textChannel = new();
    private readonly Lock imageChannel = new();
    private volatile bool loaded;

    public SharedModel(ModelEmbedders model, CollectionCentre? centre)
    {
        this.model = model;
        this.centre = centre;
    }

    /// <summary>The centre the index's image vectors are centred on, which this model's are centred on too; null: none.</summary>
    public CollectionCentre? Centre => centre;

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

    public float[] Embed(IReadOnlyList<RgbImage> images) => Centred(OnImageChannel(() => model.Embed(images)));

    public float[] EmbedImage(string path) => Centred(OnImageChannel(() => model.EmbedImage(path)));

    public RgbImage DecodeImage(string path) => OnImageChannel(() => model.DecodeImage(path));

    public Heatmap GradCam(RgbImage image, ReadOnlySpan<float> query, int? layer)
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

    private float[] Centred(float[] vectors)
    {
        centre?.Apply(vectors);
        return vectors;
    }

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
