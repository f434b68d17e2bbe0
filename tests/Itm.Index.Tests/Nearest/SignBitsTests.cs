using Itm.Index.Nearest;

namespace Itm.Index.Tests.Nearest;

/// <summary>The sign packer behind binary graphs, against a one-value-at-a-time reference in USearch's b1x8 layout.</summary>
public sealed class SignBitsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    [InlineData(70)]
    [InlineData(256)]
    public void Packing_matches_the_naive_reference(int dimension)
    {
        var random = new Random(dimension);
        for (int trial = 0; trial < 50; trial++)
        {
            float[] values = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var bits = new byte[SignBits.BytesFor(dimension)];

            SignBits.Pack(values, bits);

            Assert.Equal(Naive(values), bits);
        }
    }

    [Fact]
    public void Zero_negative_zero_and_NaN_are_not_positive()
    {
        float[] values = [0f, -0f, float.NaN, float.Epsilon, -float.Epsilon, float.PositiveInfinity, float.NegativeInfinity, 1e-30f, 0f, 2f];
        var bits = new byte[2];

        SignBits.Pack(values, bits);

        Assert.Equal(Naive(values), bits);
        Assert.Equal([0b0001_0101, 0b0100_0000], bits);
    }

    [Fact]
    public void A_buffer_too_short_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SignBits.Pack(new float[17], new byte[2]));
    }

    // Value i sets bit 0x80 >> (i % 8) of byte i / 8 when it is > 0: USearch's own float-to-b1x8 cast.
    private static byte[] Naive(float[] values)
    {
        var bits = new byte[(values.Length + 7) / 8];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] > 0)
            {
                bits[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return bits;
    }
}
