using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// Image head over frozen pretrained CNN features (ResNet18's 512-d pooled output): an MLP with one
/// hidden layer to the joint space. The CNN itself runs once per image, outside training, with its
/// features cached on disk.
/// </summary>
public sealed class FeatureMlpEncoder : ImageEncoder
{
    private readonly LayerNorm inputNorm;
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    public FeatureMlpEncoder(int featureDim, int hiddenDim, int jointDim, double dropout)
        : base(nameof(FeatureMlpEncoder))
    {
        // Pooled CNN features are non-negative with a scale that depends on the network; normalising
        // them makes the learning rate transfer between feature extractors.
        inputNorm = nn.LayerNorm(featureDim);
        hidden = nn.Linear(featureDim, hiddenDim);
        this.dropout = nn.Dropout(dropout);
        output = nn.Linear(hiddenDim, jointDim);
        RegisterComponents();
    }

    public override Tensor Encode(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = inputNorm.call(images);                                   // [B, F]
        x = dropout.call(nn.functional.relu(hidden.call(x)));             // [B, H]
        return output.call(x).MoveToOuterDisposeScope();                  // [B, D]
    }
}
