using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// Bag of words and n-grams + MLP. A sentence is the set of its feature ids (words, or words and
/// n-grams); the first layer is an <see cref="EmbeddingBag"/>, which equals a linear layer applied to
/// the sentence's multi-hot vector without ever building that vector.
/// </summary>
public sealed class BagOfFeaturesEncoder : TextEncoder
{
    private readonly EmbeddingBag bag;
    private readonly Parameter bias;
    private readonly Dropout dropout;
    private readonly Linear output;

    public BagOfFeaturesEncoder(int featureCount, int hiddenDim, int jointDim, double dropout)
        : base(nameof(BagOfFeaturesEncoder))
    {
        bag = nn.EmbeddingBag(featureCount, hiddenDim, mode: EmbeddingBagMode.Sum);
        bias = nn.Parameter(zeros(hiddenDim));
        this.dropout = nn.Dropout(dropout);
        output = nn.Linear(hiddenDim, jointDim);
        InitBag(bag, hiddenDim);
        RegisterComponents();
    }

    public override Tensor Encode(IReadOnlyList<TextInput> inputs)
    {
        using var scope = NewDisposeScope();
        var hidden = WeightedSum(bag, inputs).Plus(bias);                               // [B, H]
        var result = output.call(dropout.call(nn.functional.relu(hidden)));             // [B, D]
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The bag of each sentence's ids, <c>[B, H]</c>: the sum of their rows weighted 1/sqrt(n), so long sentences with
    /// many n-grams don't swamp short ones (a multi-hot vector scaled to unit-ish norm).
    /// </summary>
    internal static Tensor WeightedSum(EmbeddingBag bag, IReadOnlyList<TextInput> inputs)
    {
        // Flatten the bags: ids [sum of lengths], offsets [B].
        var sentences = inputs.Select(input => input.Ids).ToList();
        int total = sentences.Sum(s => s.Length);
        var ids = new long[total];
        var weights = new float[total];
        var offsets = new long[sentences.Count];
        int at = 0;
        for (int i = 0; i < sentences.Count; i++)
        {
            offsets[i] = at;
            float w = 1f / MathF.Sqrt(Math.Max(1, sentences[i].Length));
            foreach (int id in sentences[i])
            {
                ids[at] = id;
                weights[at] = w;
                at++;
            }
        }

        using var scope = NewDisposeScope();
        return bag.call(tensor(ids), tensor(offsets), tensor(weights)).MoveToOuterDisposeScope();
    }

    /// <summary>Like a Linear layer's default init, so the bag behaves as the first layer of an MLP.</summary>
    internal static void InitBag(EmbeddingBag bag, int hiddenDim)
    {
        using var noGrad = no_grad();
        double bound = 1.0 / Math.Sqrt(hiddenDim);
        bag.weight!.uniform_(-bound, bound);
    }
}
