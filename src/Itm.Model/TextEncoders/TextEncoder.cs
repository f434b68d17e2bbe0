using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// A text channel: turns featurized sentences (one <c>int[]</c> of feature or token ids each, as an
/// <see cref="Itm.Data.Text.ITextFeaturizer"/> produces them) into vectors of the joint dimension.
/// The joint model L2-normalises the output.
/// </summary>
public abstract class TextEncoder : nn.Module
{
    protected TextEncoder(string name)
        : base(name)
    {
    }

    /// <summary>Encodes a batch of featurized sentences into <c>[B, D]</c> (not normalised).</summary>
    public abstract Tensor Encode(IReadOnlyList<int[]> sentences);
}
