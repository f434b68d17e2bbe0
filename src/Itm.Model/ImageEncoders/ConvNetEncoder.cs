using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// A small CNN trained from scratch on pixels, for images unlike ImageNet's (drawings, diagrams,
/// synthetic scenes). Four conv blocks halve the resolution each time; the final map is flattened,
/// not pooled, so where things are in the image survives into the embedding ("left of" vs "right of").
/// </summary>
public sealed class ConvNetEncoder : ImageEncoder
{
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

    public override Tensor Encode(Tensor images)
    {
        using var scope = NewDisposeScope();
        var maps = features.call(images);                                 // [B, C, S/16, S/16]
        var x = maps.flatten(1);                                          // [B, C*(S/16)^2]
        x = dropout.call(nn.functional.relu(hidden.call(x)));             // [B, H]
        return output.call(x).MoveToOuterDisposeScope();                  // [B, D]
    }
}
