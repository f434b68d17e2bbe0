using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// Image channel that fine-tunes the last residual block of the pretrained ResNet18 and keeps the rest frozen: its
/// input is the tensor entering that block (<c>[B, 512, 7, 7]</c>, computed once per image by ONNX Runtime and cached,
/// like the pooled features), then the block (3×3 conv → BN → ReLU → 3×3 conv → BN, plus the identity skip, → ReLU), global
/// average pooling, and the MLP head of <see cref="FeatureMlpEncoder"/>. A new model starts from the pretrained block,
/// so before training its pooled vector is exactly the frozen model's features; training then adapts the block to
/// images unlike ImageNet's. Its maps (<see cref="ISpatialImageEncoder"/>): layer 0 the block's output, layer 1 its
/// input (the pretrained network's map), both <c>[B, 512, 7, 7]</c>.
/// </summary>
/// <remarks>
/// Batch normalisation keeps the pretrained running statistics frozen: the two BatchNorm2d layers stay in evaluation
/// mode whatever mode the model is in, while their scale and shift train. Updated statistics would drift towards
/// the batches of a small dataset, and the block would compute one function in training and another in evaluation,
/// so the validation R-sum the trainer selects epochs by would not describe the trained function. Folding the
/// normalisation into the convolutions would freeze the statistics as well, but it rescales each kernel by
/// γ/√(σ² + ε) (×0.33 on average for the first, ×11 for the second here), and Adam's steps are the same size for
/// every weight, so the first kernel would move 25 times faster, relative to its size, than the second. Kept apart,
/// both kernels keep their pretrained scale (RMS 0.016 and 0.012).
/// </remarks>
public sealed class ResNet18LastBlockEncoder : ImageEncoder, ISpatialImageEncoder
{
    /// <summary>PyTorch's and ONNX's default; a file with another epsilon is matched exactly through the variance (see <see cref="LoadPretrained"/>).</summary>
    private const double Epsilon = 1e-5;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d norm1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d norm2;
    private readonly FeatureMlpEncoder head;

    /// <param name="channels">Channels of the block's input (512).</param>
    /// <param name="pretrained">The block's starting weights for a new model; null leaves the default initialisation, for a model whose weights are about to be loaded.</param>
    public ResNet18LastBlockEncoder(int channels, int hiddenDim, int jointDim, double dropout, ResNet18LastBlock? pretrained)
        : base(nameof(ResNet18LastBlockEncoder))
    {
        conv1 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        norm1 = nn.BatchNorm2d(channels, eps: Epsilon);
        conv2 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        norm2 = nn.BatchNorm2d(channels, eps: Epsilon);
        head = new FeatureMlpEncoder(channels, hiddenDim, jointDim, dropout);
        RegisterComponents();
        if (pretrained is not null)
        {
            if (pretrained.Channels != channels)
            {
                throw new ArgumentException($"The pretrained block has {pretrained.Channels} channels; the image inputs have {channels}.", nameof(pretrained));
            }

            LoadPretrained(conv1, norm1, pretrained.First);
            LoadPretrained(conv2, norm2, pretrained.Second);
        }

        norm1.eval();   // Frozen from the start, not only once the trainer first switches modes.
        norm2.eval();
    }

    /// <summary>Training mode for the convolutions' weights and the head; the batch normalisations keep their statistics (see remarks).</summary>
    public override void train(bool train = true)
    {
        base.train(train);
        norm1.eval();
        norm2.eval();
    }

    /// <summary>The block's convolutions and normalisation scales: pretrained, unlike the head.</summary>
    public override IEnumerable<Parameter> PretrainedParameters() =>
        new nn.Module[] { conv1, norm1, conv2, norm2 }.SelectMany(m => m.parameters());

    public int MapLayers => 2;

    /// <summary>The block and the pooling alone, <c>[B, C, S, S]</c> → <c>[B, C]</c>: before training, the pretrained network's pooled features.</summary>
    public Tensor PooledFeatures(Tensor blockInput)
    {
        using var scope = NewDisposeScope();
        return Block(blockInput).mean([2, 3]).MoveToOuterDisposeScope();  // [B, C]
    }

    public override Tensor Encode(Tensor images)
    {
        using var scope = NewDisposeScope();
        var pooled = PooledFeatures(images);                              // [B, C]
        return head.Encode(pooled).MoveToOuterDisposeScope();             // [B, D]
    }

    public Tensor Maps(Tensor images, int layer) => CheckLayer(layer) == 0 ? Block(images) : images.alias();

    public Tensor EncodeFromMaps(Tensor maps, int layer)
    {
        using var scope = NewDisposeScope();
        var output = CheckLayer(layer) == 0 ? maps : Block(maps);         // [B, C, S, S]
        return head.Encode(output.mean([2, 3])).MoveToOuterDisposeScope(); // [B, D]
    }

    /// <summary>The residual block, <c>[B, C, S, S]</c> → <c>[B, C, S, S]</c>.</summary>
    private Tensor Block(Tensor blockInput)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(norm1.call(conv1.call(blockInput)));  // [B, C, S, S]
        x = nn.functional.relu(norm2.call(conv2.call(x)).Plus(blockInput));   // [B, C, S, S]
        return x.MoveToOuterDisposeScope();
    }

    private int CheckLayer(int layer) => layer is 0 or 1 ? layer
        : throw new ArgumentOutOfRangeException(nameof(layer), layer, "The fine-tuned ResNet18 block has two maps: layer 0 (its output) and 1 (its input).");

    /// <summary>
    /// Copies the file's kernel and normalisation constants. The variance absorbs any difference between the file's
    /// epsilon and <see cref="Epsilon"/> (σ²' = σ² + ε_file − ε), so the normalisation is exactly the file's.
    /// </summary>
    private static void LoadPretrained(Conv2d conv, BatchNorm2d norm, ConvBatchNorm source)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var constants = source.Norm;
        conv.weight!.copy_(tensor(source.Weight.Values).view(source.Weight.Dimensions));
        norm.weight!.copy_(tensor(constants.Scale));
        norm.bias!.copy_(tensor(constants.Bias));
        norm.running_mean!.copy_(tensor(constants.Mean));
        using var shift = (constants.Epsilon - Epsilon).ToScalar();   // held through the add (see HeldScalars)
        norm.running_var!.copy_(tensor(constants.Variance).to(float64).Plus(shift));
    }
}
