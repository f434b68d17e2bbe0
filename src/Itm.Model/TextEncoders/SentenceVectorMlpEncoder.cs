using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// Text head over frozen pretrained sentence vectors (MiniLM's 384-d mean-pooled output): an MLP with one hidden
/// layer to the joint space, the text twin of <see cref="ImageEncoders.FeatureMlpEncoder"/>. The pretrained encoder
/// itself runs once per distinct sentence, outside training, with its vectors cached on disk.
/// </summary>
public sealed class SentenceVectorMlpEncoder : TextEncoder
{
    private readonly LayerNorm inputNorm;
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;
    private readonly int vectorDim;

    public SentenceVectorMlpEncoder(int vectorDim, int hiddenDim, int jointDim, double dropout)
        : base(nameof(SentenceVectorMlpEncoder))
    {
        this.vectorDim = vectorDim;

        // The vectors are unit length, so each component is ~1/sqrt(384); normalising them to unit variance lets the
        // image head's learning rate and initialisation work here unchanged.
        inputNorm = nn.LayerNorm(vectorDim);
        hidden = nn.Linear(vectorDim, hiddenDim);
        this.dropout = nn.Dropout(dropout);
        output = nn.Linear(hiddenDim, jointDim);
        RegisterComponents();
    }

    public override Tensor Encode(IReadOnlyList<TextInput> inputs)
    {
        using var scope = NewDisposeScope();
        var x = inputNorm.call(Stack(inputs, vectorDim));                    // [B, V]
        x = dropout.call(nn.functional.relu(hidden.call(x)));                // [B, H]
        return output.call(x).MoveToOuterDisposeScope();                     // [B, D]
    }

    /// <summary>The sentences' pretrained vectors as one <c>[B, V]</c> tensor; a vector of another width is an error naming the sentence.</summary>
    internal static Tensor Stack(IReadOnlyList<TextInput> inputs, int vectorDim)
    {
        var flat = new float[inputs.Count * vectorDim];
        for (int i = 0; i < inputs.Count; i++)
        {
            float[] vector = inputs[i].Vector;
            if (vector.Length != vectorDim)
            {
                throw new ArgumentException($"Sentence {i} is a {vector.Length}-d vector; this text channel reads {vectorDim}-d sentence vectors.", nameof(inputs));
            }

            vector.CopyTo(flat, i * vectorDim);
        }

        return tensor(flat).view(inputs.Count, vectorDim);
    }
}
