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
        var outer = weight.Values.Length / Math.Max(1, channels * inner);
        var scales = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var max = 0f;
            foreach (var i in Indices(c))
            {
                max = Math.Max(max, Math.Abs(weight.Values[i]));
            }

            scales[c] = max > 0 ? max / 127f : 1f;
        }

        var values = new sbyte[weight.Values.Length];
        for (var c = 0; c < channels; c++)
        {
            foreach (var i in Indices(c))
            {
                values[i] = (sbyte)Math.Clamp(MathF.Round(weight.Values[i] / scales[c]), -127, 127);
            }
        }

        return (values, scales);

        IEnumerable<int> Indices(int channel)
        {
            for (var o = 0; o < outer; o++)
            {
                var start = (o * channels + channel) * inner;
                for (var k = 0; k < inner; k++)
                {
                    yield return start + k;
                }
            }
        }
    }
}
