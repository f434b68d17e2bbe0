using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// A small CNN trained from scratch on pixels, for images unlike ImageNet's (drawings, diagrams,
/// synthetic scenes). Four conv blocks halve the resolution each time; the final map is flattened,
/// not pooled, so where things are in the image survives into the embedding ("left of" vs "right of").
/// Its maps (<see cref="ISpatialImageEncoder"/>) are the blocks' outputs: layer 0 the last block's, <c>[B, 128, S/16, S/16]</c>,
/// which is flattened; layer <c>k</c> the output of the block <c>k</c> places earlier, <c>S/2^(4-k)</c> per side.
/// </summary>
public sealed class ConvNetEncoder : ImageEncoder, ISpatialImageEncoder
{
    /// <summary>Modules per conv block in <see cref="features"/>: conv, norm, ReLU, pool.</summary>
    private const int ModulesPerBlock = 4;

    private static readonly int[] Channels = [32, 64, 128, 128];

    private readonly Sequential features;
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    public ConvNetEncoder(int imageSize, int hiddenDim, int jointDim, double dropout)
        : base(nameof(ConvNetEncoder))
    {
        if (imageSize % 16 != 0)
        {
            throw new ArgumentException($"ConvNet image size must be a multiple of 16, got {imageSize}.", nameof(imageSize));
        }

        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        int inChannels = 3;
        for (int i = 0; i < Channels.Length; i++)
        {
            blocks.Add(($"conv{i}", nn.Conv2d(inChannels, Channels[i], 3, padding: 1, bias: false)));
            blocks.Add(($"norm{i}", nn.BatchNorm2d(Channels[i])));
            blocks.Add(($"relu{i}", nn.ReLU()));
            blocks.Add(($"pool{i}", nn.MaxPool2d(2)));
            inChannels = Channels[i];
        }

        features = nn.Sequential(blocks);
        int side = imageSize / 16;
        hidden = nn.Linear(Channels[^1] * side * side, hiddenDim);
        this.dropout = nn.Dropout(dropout);
        output = nn.Linear(hiddenDim, jointDim);
        RegisterComponents();
    }

    public int MapLayers => Channels.Length;

    public override Tensor Encode(Tensor images)
    {
        using var scope = NewDisposeScope();
        var maps = Run(Modules(), images);                                // [B, C, S/16, S/16]
        return Head(maps).MoveToOuterDisposeScope();                      // [B, D]
    }

    public Tensor Maps(Tensor images, int layer)
    {
        using var scope = NewDisposeScope();
        var x = Run(Modules().Take(ModulesPerBlock * BlocksBefore(layer)), images); // after k blocks: [B, C_k, S/2^k, S/2^k]
        return x.MoveToOuterDisposeScope();
    }

    public Tensor EncodeFromMaps(Tensor maps, int layer)
    {
        using var scope = NewDisposeScope();
        var x = Run(Modules().Skip(ModulesPerBlock * BlocksBefore(layer)), maps); // ... [B, C, S/16, S/16]
        return Head(x).MoveToOuterDisposeScope();                         // [B, D]
    }

    /// <summary>
    /// <paramref name="modules"/> in order, as <see cref="features"/>' own forward runs them, except that each batch norm
    /// counts its batch through a held Scalar (<see cref="HeldBatchNorm"/>).
    /// </summary>
    private static Tensor Run(IEnumerable<nn.Module<Tensor, Tensor>> modules, Tensor x)
    {
        foreach (var module in modules)
        {
            x = module is BatchNorm2d norm ? norm.Normalize(x) : module.call(x);
        }

        return x;
    }

    /// <summary>The flattened last map <c>[B, C, S/16, S/16]</c> → <c>[B, D]</c>.</summary>
    private Tensor Head(Tensor maps)
    {
        var x = maps.flatten(1);                                          // [B, C*(S/16)^2]
        x = dropout.call(nn.functional.relu(hidden.call(x)));             // [B, H]
        return output.call(x);                                            // [B, D]
    }

    /// <summary>The modules of <see cref="features"/> in order (conv → norm → ReLU → pool, four times), as its own forward runs them.</summary>
    private IEnumerable<nn.Module<Tensor, Tensor>> Modules() => features.children().Cast<nn.Module<Tensor, Tensor>>();

    private int BlocksBefore(int layer)
    {
        if (layer < 0 || layer >= MapLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The ConvNet has maps after each of its {MapLayers} blocks: layer 0 (the last) to {MapLayers - 1}.");
        }

        return MapLayers - layer;
    }
}
