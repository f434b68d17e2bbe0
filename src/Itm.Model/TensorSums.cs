using TorchSharp;
using static TorchSharp.torch;

namespace Itm.Model;

/// <summary>
/// Sums of tensors (tensor + tensor, tensor + constant, rows added into slots) through the alpha of 1 that <see cref="HeldScalars"/>
/// holds for the process. TorchSharp's <c>a + b</c> and <c>a + c</c> make a temporary Scalar for their alpha of 1 and pass only its
/// native handle on, so the collector may finalise (free) it while libtorch is still reading it; libtorch then sees a garbage
/// alpha and fails its float conversion check ("Expected false to be true ... toFloat", seen in long training runs under
/// garbage-collection pressure; or, for index_add's alpha, "INTERNAL ASSERT FAILED at Scalar.h" in a row-sparse run's 15th
/// epoch). Adds in the library go through here.
/// </summary>
internal static class TensorSums
{
    /// <summary><paramref name="left"/> + <paramref name="right"/> (broadcasting as <c>+</c> does).</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, HeldScalars.One);

    /// <summary><paramref name="left"/> + <paramref name="right"/>, which the caller holds until the call returns.</summary>
    public static Tensor Plus(this Tensor left, Scalar right) => left.add(right, HeldScalars.One);

    /// <summary>A copy of <paramref name="target"/> with each row of <paramref name="source"/> added into the row <paramref name="index"/> names (index_add with alpha 1).</summary>
    public static Tensor PlusRows(this Tensor target, long dim, Tensor index, Tensor source) => target.index_add(dim, index, source, HeldScalars.One);
}
