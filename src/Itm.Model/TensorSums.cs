using TorchSharp;
using static TorchSharp.torch;

namespace Itm.Model;

/// <summary>
/// Tensor + tensor through one Scalar that lives as long as the process. TorchSharp's <c>a + b</c> makes a temporary
/// Scalar for its alpha of 1 and passes only its native handle on, so the collector may finalise (free) it while
/// libtorch is still reading it; libtorch then sees a garbage alpha and fails its float conversion check ("Expected
/// false to be true ... toFloat", seen in long training runs under garbage-collection pressure). Adds in the training
/// step go through here.
/// </summary>
internal static class TensorSums
{
    private static readonly Scalar One = 1.ToScalar();

    /// <summary><paramref name="left"/> + <paramref name="right"/> (broadcasting as <c>+</c> does).</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, One);
}
