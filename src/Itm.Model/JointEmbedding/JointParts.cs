using System.Globalization;
using static TorchSharp.torch;

namespace Itm.Model.JointEmbedding;

/// <summary>
/// How the joint space is split between the text channel's parts. Most encoders have one part, the whole vector, and
/// both sides are normalised to unit length. A late-fusion encoder (<see cref="TextEncoders.LateFusionTextEncoder"/>)
/// writes one equal slice of the vector per channel; each slice of both sides is then normalised on its own and scaled
/// by the square root of its share, so the whole vector still has unit length and the dot product of a sentence and an
/// image is <c>Σ share_k · cos_k</c>, the shares' weighted sum of each part's cosine. Each part is then a ranking of its
/// own that the other cannot drown, however their raw scales differ.
/// </summary>
public sealed class JointParts
{
    /// <summary>One part: the whole vector, normalised as a whole.</summary>
    public static readonly JointParts Whole = new([1.0]);

    private readonly double[] shares;

    /// <param name="shares">Each part's share of the score, in the order of the vector's slices; positive, summing to 1.</param>
    public JointParts(IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0 || shares.Any(s => !(s > 0 && s <= 1)) || Math.Abs(shares.Sum() - 1) > 1e-6)
        {
            throw new ArgumentException(
                $"The shares of the joint space's parts must be positive and sum to 1; got [{string.Join(", ", shares.Select(s => s.ToString(CultureInfo.InvariantCulture)))}].",
                nameof(shares));
        }

        this.shares = [.. shares];
    }

    public IReadOnlyList<double> Shares => shares;

    public int Count => shares.Length;

    /// <summary>The width of one part's slice of a <paramref name="dim"/>-d joint space.</summary>
    /// <exception cref="ArgumentException"><paramref name="dim"/> is not a multiple of the part count.</exception>
    public int PartDim(int dim)
    {
        if (dim % Count != 0)
        {
            throw new ArgumentException($"A joint space of {dim} dimensions cannot be split into {Count} equal parts; choose a multiple of {Count}.", nameof(dim));
        }

        return dim / Count;
    }

    /// <summary>
    /// Encoder outputs <c>[B, D]</c> → vectors of unit length: each part's slice normalised (as <c>F.normalize</c>, with
    /// its 1e-12 floor) and scaled by sqrt(share).
    /// </summary>
    public Tensor Normalize(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Count == 1)
        {
            return nn.functional.normalize(x, p: 2, dim: 1);
        }

        using var scope = NewDisposeScope();
        long batch = x.shape[0];
        long part = PartDim((int)x.shape[1]);
        var unitParts = nn.functional.normalize(x.reshape(batch, Count, part), p: 2, dim: 2);              // [B, K, D/K]
        var scales = tensor(SquareRoots(), dtype: x.dtype, device: x.device).reshape(1, Count, 1);        // [1, K, 1]
        return unitParts.mul(scales).reshape(batch, Count * part).MoveToOuterDisposeScope();              // [B, D]
    }

    /// <summary>sqrt(share) of each part: the factor each normalised slice is scaled by.</summary>
    public float[] SquareRoots() => [.. shares.Select(s => (float)Math.Sqrt(s))];

    public override string ToString() => string.Join(" + ", shares.Select(s => s.ToString("0.###", CultureInfo.InvariantCulture)));
}
