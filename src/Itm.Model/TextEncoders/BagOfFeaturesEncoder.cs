using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// Bag of words and n-grams + MLP. A sentence is the set of its feature ids (words, or words and
/// n-grams); the first layer is an <see cref="EmbeddingBag"/>, which equals a linear layer applied to
/// the sentence's multi-hot vector without ever building that vector.
/// </summary>
public sealed class BagOfFeaturesEncoder : TextEncoder, IRowSparseTables
{
    private readonly EmbeddingBag bag;
    private readonly RowSparseBag rows;
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
        rows = new RowSparseBag(bag);
    }

    public IReadOnlyList<RowSparseBag> RowSparseTables => [rows];

    public override Tensor Encode(IReadOnlyList<TextInput> inputs)
    {
        using var scope = NewDisposeScope();
        var hidden = rows.Sum(inputs, training).Plus(bias);                               // [B, H]
        var result = output.call(dropout.call(nn.functional.relu(hidden)));             // [B, D]
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Like a Linear layer's default init, so the bag behaves as the first layer of an MLP.</summary>
    internal static void InitBag(EmbeddingBag bag, int hiddenDim)
    {
        using var noGrad = no_grad();
        double bound = 1.0 / Math.Sqrt(hiddenDim);
        bag.weight!.uniform_(-bound, bound);
    }
}
