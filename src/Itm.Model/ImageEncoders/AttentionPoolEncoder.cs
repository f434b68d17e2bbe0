using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// Image channel that keeps where things are: it reads a frozen CNN's last feature maps (<c>[B, C, S, S]</c>, ResNet18's
/// 7×7 grid of 512-d features, cached like the pooled features) and pools them with learned attention instead of the
/// network's plain average, then the MLP head of <see cref="FeatureMlpEncoder"/>. Each cell scores itself,
/// <c>s = w · tanh(K x + b) + c</c>, the scores are turned into weights by a softmax over the grid, and the pooled vector
/// is the weighted sum of the cells. So the model can weigh the cells that show the drawing over empty margins and
/// background, which an average cannot.
/// </summary>
/// <remarks>
/// The scoring layer starts at zero, so every cell weighs the same and a new model pools exactly as the pretrained
/// network does: before training it sees the features resnet18 sees, and attention grows from there only as far as
/// the ranking loss asks. One map of scores (not several heads) keeps the added weights to a small fraction of the head's:
/// the collections itm trains on hold a few thousand pictures.
/// </remarks>
public sealed class AttentionPoolEncoder : ImageEncoder, ISpatialImageEncoder
{
    /// <summary>Width of the scoring layer's hidden step.</summary>
    public const int AttentionDim = 128;

    private readonly Linear key;
    private readonly Linear score;
    private readonly FeatureMlpEncoder head;

    /// <param name="channels">Channels of the maps (512).</param>
    public AttentionPoolEncoder(int channels, int hiddenDim, int jointDim, double dropout)
        : base(nameof(AttentionPoolEncoder))
    {
        key = nn.Linear(channels, AttentionDim);
        score = nn.Linear(AttentionDim, 1);
        head = new FeatureMlpEncoder(channels, hiddenDim, jointDim, dropout);
        RegisterComponents();
        using var noGrad = no_grad();
        score.weight!.zero_();
        score.bias!.zero_();
    }

    public int MapLayers => 1;

    /// <summary>The weight of every cell, <c>[B, C, S, S]</c> → <c>[B, S·S]</c>, summing to 1 per image (row-major cells).</summary>
    public Tensor Weights(Tensor maps)
    {
        using var scope = NewDisposeScope();
        var cells = maps.flatten(2).transpose(1, 2);                                  // [B, N, C]
        var scores = score.call(tanh(key.call(cells))).squeeze(-1);                  // [B, N]
        return softmax(scores, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The attention-pooled features, <c>[B, C, S, S]</c> → <c>[B, C]</c>: before training, the maps' average.</summary>
    public Tensor PooledFeatures(Tensor maps)
    {
        using var scope = NewDisposeScope();
        var weights = Weights(maps).unsqueeze(1);                                     // [B, 1, N]
        return weights.bmm(maps.flatten(2).transpose(1, 2)).squeeze(1).MoveToOuterDisposeScope(); // [B, C]
    }

    public override Tensor Encode(Tensor images)
    {
        using var scope = NewDisposeScope();
        return head.Encode(PooledFeatures(images)).MoveToOuterDisposeScope();       // [B, D]
    }

    public Tensor Maps(Tensor images, int layer)
    {
        CheckLayer(layer);
        return images.alias();
    }

    public Tensor EncodeFromMaps(Tensor maps, int layer)
    {
        CheckLayer(layer);
        return Encode(maps);
    }

    private static void CheckLayer(int layer)
    {
        if (layer != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, "The attention-pooling encoder has one map: layer 0, the pretrained network's last maps.");
        }
    }
}
