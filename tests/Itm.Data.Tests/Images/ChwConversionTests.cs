using Itm.Data.Images;

namespace Itm.Data.Tests.Images;

/// <summary>The vectorised <see cref="RgbImage.WriteChw"/> against the plain per-element formula, bit for bit.</summary>
public sealed class ChwConversionTests
{
    public static TheoryData<int, int, ChannelOrder, bool, bool> Cases() => new()
    {
        // Sizes with and without a tail after the last full vector; the stock ResNet18's settings; every term at once.
        { 224, 224, ChannelOrder.Bgr, false, true },
        { 17, 3, ChannelOrder.Rgb, true, false },
        { 31, 7, ChannelOrder.Bgr, true, true },
        { 1, 1, ChannelOrder.Rgb, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_Write_The_Same_Floats_As_The_Per_Element_Formula(int width, int height, ChannelOrder order, bool affine, bool meanImage)
    {
        // Given random pixels and a normalization with or without scale/mean/std and a per-pixel mean image
        var random = new Random(width * 31 + height);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        var image = new RgbImage(width, height, pixels);
        var normalization = new ChwNormalization
        {
            ChannelOrder = order,
            Scale = affine ? 1f / 255 : 1f,
            Mean = affine ? [0.485f, 0.456f, 0.406f] : null,
            Std = affine ? [0.229f, 0.224f, 0.225f] : null,
            MeanImage = meanImage ? Enumerable.Range(0, pixels.Length).Select(_ => (float)(random.NextDouble() * 255)).ToArray() : (ReadOnlyMemory<float>?)null,
        };

        // When written into a buffer with room to spare
        var written = new float[pixels.Length + 5];
        Array.Fill(written, float.NaN);
        image.WriteChw(written, normalization);

        // Then every value equals the reference, and nothing past the tensor is touched
        Assert.Equal(Reference(image, normalization), written[..pixels.Length]);
        Assert.All(written[pixels.Length..], v => Assert.True(float.IsNaN(v)));
    }

    private static float[] Reference(RgbImage image, ChwNormalization n)
    {
        var plane = image.Width * image.Height;
        var result = new float[3 * plane];
        for (var c = 0; c < 3; c++)
        {
            var source = n.ChannelOrder == ChannelOrder.Bgr ? 2 - c : c;
            var mean = n.Mean?[c] ?? 0f;
            var invStd = 1f / (n.Std?[c] ?? 1f);
            for (var p = 0; p < plane; p++)
            {
                var v = (image.Pixels[(3 * p) + source] * n.Scale) - mean;
                if (n.MeanImage is { } m)
                {
                    v -= m.Span[(c * plane) + p];
                }

                result[(c * plane) + p] = v * invStd;
            }
        }

        return result;
    }
}
