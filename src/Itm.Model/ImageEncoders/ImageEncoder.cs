using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// The trainable part of an image channel: maps a batch of image inputs (pretrained CNN features
/// <c>[B, F]</c>, or pixels <c>[B, 3, S, S]</c>) to vectors of the joint dimension. The joint model
/// L2-normalises the output.
/// </summary>
public abstract class ImageEncoder : nn.Module
{
    protected ImageEncoder(string name)
        : base(name)
    {
    }

    /// <summary>Encodes <c>[B, ...input shape]</c> into <c>[B, D]</c> (not normalised).</summary>
    public abstract Tensor Encode(Tensor images);

    /// <summary>
    /// The parameters that start from pretrained weights and are fine-tuned, which the trainer moves with a smaller
    /// learning rate than the ones trained from scratch; none for an encoder trained wholly from scratch.
    /// </summary>
    public virtual IEnumerable<TorchSharp.Modules.Parameter> PretrainedParameters() => [];
}
