namespace Itm.Model.Onnx;

/// <summary>
/// Symmetric int8 quantisation of a weight tensor with one scale per channel along one axis: scale = max |w| / 127
/// over the channel, so each channel's extreme weight is exact and zero stays zero (no zero point). A convolution's
/// channels are its output channels (axis 0 of [Cout, Cin, kH, kW]); a matrix product's are the columns of its
/// right-hand side (axis 1 of [K, N]).
/// </summary>
internal static class Int8Weights
{
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
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var quantised = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantised[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scales[i / inner % channels]), -127, 127);
        }

        return (quantised, scales);
    }
}
