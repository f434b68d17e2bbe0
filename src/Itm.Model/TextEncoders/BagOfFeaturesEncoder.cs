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
        InitWeights(hiddenDim);
        RegisterComponents();
    }

    public override Tensor Encode(IReadOnlyList<TextInput> inputs)
    {
        // Flatten the bags: ids [sum of lengths], offsets [B]; weight 1/sqrt(n) so long sentences with
        // many n-grams don't swamp short ones (a multi-hot vector scaled to unit-ish norm).
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
        var hidden = bag.call(tensor(ids), tensor(offsets), tensor(weights)).Plus(bias); // [B, H]
        var result = output.call(dropout.call(nn.functional.relu(hidden)));             // [B, D]
        return result.MoveToOuterDisposeScope();
    }

    private void InitWeights(int hiddenDim)
    {
        using var noGrad = no_grad();
        // Like a Linear layer's default init, so the bag behaves as the first layer of an MLP.
        double bound = 1.0 / Math.Sqrt(hiddenDim);
        bag.weight!.uniform_(-bound, bound);
    }
}
