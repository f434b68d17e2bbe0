using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// Image head over frozen pretrained CNN features (ResNet18's 512-d pooled output): an MLP with one
/// hidden layer to the joint space. The CNN itself runs once per image, outside training, with its
/// features cached on disk.
/// </summary>
/// <remarks>
/// Over two-scale features (<see cref="Itm.Data.Images.ImageViews.Scales"/>: the whole picture's beside its quarters'
/// mean, each half of the input), a quarters dropout rate p replaces, in training only, each picture's quarters'
/// features by its whole picture's with probability p. The quarters see a drawing's strokes and texture at twice the
/// detail, which is where one drawing set differs most from another; a head that must also match pictures by their
/// whole view alone leans less on that detail and carries to unseen sets better (docs/base-model.md).
/// </remarks>
public sealed class FeatureMlpEncoder : ImageEncoder
{
    private readonly LayerNorm inputNorm;
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;
    private readonly double quartersDropout;

    public FeatureMlpEncoder(int featureDim, int hiddenDim, int jointDim, double dropout, double quartersDropout = 0)
        : base(nameof(FeatureMlpEncoder))
    {
        if (quartersDropout is < 0 or > 1 || double.IsNaN(quartersDropout) || (quartersDropout > 0 && featureDim % 2 != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(quartersDropout), quartersDropout,
                $"A quarters dropout rate is a probability, over features whose two halves are the whole picture's and its quarters' ({featureDim} features).");
        }

        this.quartersDropout = quartersDropout;
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
        var x = inputNorm.call(training && quartersDropout > 0 ? QuartersDropped(images) : images); // [B, F]
        x = dropout.call(nn.functional.relu(hidden.call(x)));             // [B, H]
        return output.call(x).MoveToOuterDisposeScope();                  // [B, D]
    }

    /// <summary>The features with each row's second half (the quarters') set to its first (the whole picture's) at the quarters dropout rate.</summary>
    internal Tensor QuartersDropped(Tensor images)
    {
        long half = images.shape[1] / 2;
        var whole = images.narrow(1, 0, half);
        using var rate = quartersDropout.ToScalar();   // held through the comparison (see HeldScalars)
        var dropped = rand(images.shape[0], 1, device: images.device) < rate; // [B, 1]
        return cat([whole, where(dropped, whole, images.narrow(1, half, half))], 1);
    }
}
