namespace Itm.Model.Onnx;

/// <summary>
/// Symmetric int8 quantisation of a weight tensor with one scale per channel along one axis: scale = max |w| /
/// <see cref="Limit"/> over the channel, so each channel's extreme weight is exact and zero stays zero (no zero point).
/// A convolution's channels are its output channels (axis 0 of [Cout, Cin, kH, kW]); a matrix product's are the
/// columns of its right-hand side (axis 1 of [K, N]).
/// </summary>
internal static class Int8Weights
{
    /// <summary>
    /// The largest weight magnitude: 63, seven bits, not 127. On x86 CPUs without VNNI (AVX2, and AVX-512 before
    /// Cascade Lake / Zen 4) ONNX Runtime multiplies uint8 inputs by int8 weights with <c>vpmaddubsw</c>, which adds
    /// each pair of products into a saturating int16: 2 × 255 × 127 overflows it, and on such a CPU int8 ResNet18
    /// features fell to a median cosine of 0.80 with float32's. 2 × 255 × 63 = 32,130 fits, so every CPU computes the
    /// same exact integer sums, and a model's int8 inputs do not depend on the machine that computes them.
    /// </summary>
    public const int Limit = 63;

    public static (sbyte[] Values, float[] Scales) PerChannel(OnnxFloatTensor weight, int axis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(axis);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(axis, weight.Dimensions.Length);
        var channels = (int)weight.Dimensions[axis];
        var inner = (int)weight.Dimensions.Skip(axis + 1).Aggregate(1L, (a, b) => a * b);

        // Element i belongs to channel (i / inner) % channels: two passes in memory order, one for the scales, one to round.
        var scales = new float[channels];
        var values = weight.Values;
        for (var i = 0; i < values.Length; i++)
        {
            var c = i / inner % channels;
            scales[c] = Math.Max(scales[c], Math.Abs(values[i]));
        }

        for (var c = 0; c < channels; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / Limit : 1f;
        }

        var quantised = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantised[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scales[i / inner % channels]), -Limit, Limit);
        }

        return (quantised, scales);
    }
}
