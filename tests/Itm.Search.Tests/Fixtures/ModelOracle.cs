using System.Numerics.Tensors;
using Itm.Data.Ranking;
using Itm.Model.Explanations;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;

namespace Itm.Search.Tests.Fixtures;

/// <summary>The answers computed the plain way: load the model, embed everything, score every pair, sort.</summary>
internal sealed class ModelOracle : IDisposable
{
    private readonly LoadedModel model;
    private readonly ImageInputSource source;

    public ModelOracle(string modelDir, string cacheDir)
    {
        model = ModelFolder.Load(modelDir);
        source = ImageInputSource.ForModel(model.Manifest, cacheDir);
    }

    public int Dim => model.Manifest.Joint.Dim;

    public float[] Image(string path)
    {
        var inputs = source.Load([path], skipUnreadable: false, null, default);
        using var tensor = inputs.ToTensor(0, 1);
        return Embedder.EncodeImages(model.Model, tensor);
    }

    public float[] Sentence(string sentence) => model.EncodeSentences([sentence]);

    /// <summary>The Grad-CAM of the image file for <paramref name="query"/>, straight from the model on the file's inputs.</summary>
    public GradCamMap GradCam(string path, float[] query, int? layer, CollectionCentre? centre = null)
    {
        var inputs = source.Load([path], skipUnreadable: false, null, default);
        using var tensor = inputs.ToTensor(0, 1);
        return Itm.Model.Explanations.GradCam.Compute(model.Model, tensor, query, layer, centre);
    }

    /// <summary>Every candidate with its score against <paramref name="query"/>, best first.</summary>
    public List<(T Item, float Score)> Rank<T>(float[] query, IEnumerable<(T Item, float[] Vector)> candidates) =>
        candidates.Select(c => (c.Item, TensorPrimitives.Dot(c.Vector, query))).OrderByDescending(c => c.Item2).ToList();

    public void Dispose()
    {
        source.Dispose();
        model.Dispose();
    }
}
