using Itm.Model.Onnx;

namespace Itm.Model.Tests.Onnx;

/// <summary>Per-channel symmetric weights of seven bits against a naive per-channel loop, on both axes itm quantises.</summary>
public sealed class Int8WeightsTests
{
    [Fact]
    public void Weights_quantise_per_output_channel_within_half_a_step()
    {
        var random = new Random(6);
        var values = Enumerable.Range(0, 3 * 2 * 3 * 3).Select(i => (float)(random.NextDouble() - 0.5) * (1 + i / 18 * 10)).ToArray();
        var weight = new OnnxFloatTensor("w", [3, 2, 3, 3], values);

        var (quantised, scales) = Int8Weights.PerChannel(weight, axis: 0);

        for (var o = 0; o < 3; o++)
        {
            AssertChannel([.. Enumerable.Range(o * 18, 18)], values, quantised, scales[o]);
        }

        Assert.True(scales[2] > 5 * scales[0], "each output channel has its own scale");
    }

    [Fact]
    public void A_matrix_quantises_per_column()
    {
        // [K = 4, N = 3], column n scaled by 10^n: a row-wise quantiser would give every column the same step.
        var values = new float[4 * 3];
        var random = new Random(11);
        for (var k = 0; k < 4; k++)
        {
            for (var n = 0; n < 3; n++)
            {
                values[k * 3 + n] = (float)(random.NextDouble() - 0.5) * MathF.Pow(10, n);
            }
        }

        var (quantised, scales) = Int8Weights.PerChannel(new OnnxFloatTensor("b", [4, 3], values), axis: 1);

        Assert.Equal(3, scales.Length);
        for (var n = 0; n < 3; n++)
        {
            AssertChannel([.. Enumerable.Range(0, 4).Select(k => k * 3 + n)], values, quantised, scales[n]);
        }
    }

    [Fact]
    public void An_all_zero_channel_gets_a_unit_scale_and_zeros()
    {
        var (quantised, scales) = Int8Weights.PerChannel(new OnnxFloatTensor("z", [2, 2], [0, 1, 0, -2]), axis: 1);

        Assert.Equal(1f, scales[0]);
        Assert.Equal(0, quantised[0]);
        Assert.Equal(0, quantised[2]);
        Assert.Equal(-63, quantised[3]);
    }

    [Fact]
    public void No_pair_of_uint8_by_weight_products_overflows_the_int16_sum_that_cpus_without_vnni_form()
    {
        // x86 without VNNI multiplies with vpmaddubsw: u8 × s8, each adjacent pair of products summed into a saturating
        // int16. The widest weights and the widest inputs must still fit, or such CPUs compute other features.
        var random = new Random(3);
        var values = Enumerable.Range(0, 64 * 9).Select(_ => (float)(random.NextDouble() * 2 - 1) * 40).ToArray();
        var (quantised, _) = Int8Weights.PerChannel(new OnnxFloatTensor("w", [64, 9], values), axis: 0);

        var widestPair = 2 * byte.MaxValue * quantised.Max(q => Math.Abs((int)q));
        Assert.True(widestPair <= short.MaxValue, $"two products of 255 and the widest weight sum to {widestPair}");
    }

    private static void AssertChannel(int[] indices, float[] values, sbyte[] quantised, float scale)
    {
        var naiveScale = indices.Max(i => Math.Abs(values[i])) / 63f;
        Assert.Equal(naiveScale, scale, 1e-7f);
        foreach (var i in indices)
        {
            Assert.True(Math.Abs(values[i] - quantised[i] * scale) <= scale / 2 + 1e-7f, $"value {i} is within half a step");
        }

        Assert.Equal(63, indices.Max(i => Math.Abs((int)quantised[i])));
    }
}
