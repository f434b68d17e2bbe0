using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// A text channel: turns sentences, as <see cref="TextInput"/>s (featurized ids, or frozen pretrained sentence
/// vectors for <see cref="SentenceVectorMlpEncoder"/>), into vectors of the joint dimension.
/// The joint model L2-normalises the output.
/// </summary>
public abstract class TextEncoder : nn.Module
{
    protected TextEncoder(string name)
        : base(name)
    {
    }

    /// <summary>Encodes a batch of sentences into <c>[B, D]</c> (not normalised).</summary>
    public abstract Tensor Encode(IReadOnlyList<TextInput> sentences);
}
