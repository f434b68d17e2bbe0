using SkiaSharp;

namespace Itm.Data.Images;

/// <summary>A decoded image: 8-bit RGB, interleaved, rows top to bottom, no alpha (already composited on white).</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"Expected {width}x{height}x3 = {width * height * 3} bytes, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B of pixel (x, y) at <c>3 * (y * Width + x)</c>.</summary>
    public byte[] Pixels { get; }

    /// <summary>Number of floats <see cref="WriteChw"/> writes: 3 × width × height.</summary>
    public int ChwLength => 3 * Width * Height;

    public (byte R, byte G, byte B) GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        var i = 3 * ((y * Width) + x);
        return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
    }

    /// <summary>A new opaque RGBA bitmap of the image, to draw or encode with SkiaSharp (the caller disposes it).</summary>
    public SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = bitmap.GetPixelSpan();
        for (int p = 0, q = 0; q < Pixels.Length; p += 4, q += 3)
        {
            rgba[p] = Pixels[q];
            rgba[p + 1] = Pixels[q + 1];
            rgba[p + 2] = Pixels[q + 2];
            rgba[p + 3] = 255;
        }

        return bitmap;
    }

    /// <summary>A new [3, Height, Width] planar tensor.</summary>
    public float[] ToChw(ChwNormalization normalization)
    {
        var result = new float[ChwLength];
        WriteChw(result, normalization);
        return result;
    }

    /// <summary>Writes the [3, Height, Width] planar tensor into <paramref name="destination"/> (one image of a batch).</summary>
    public void WriteChw(Span<float> destination, ChwNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        var plane = Width * Height;
        if (destination.Length < 3 * plane)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; {3 * plane} needed.", nameof(destination));
        }

        var meanImage = normalization.MeanImage is { } m ? m.Span : default;
        if (!meanImage.IsEmpty && meanImage.Length != 3 * plane)
        {
            throw new ArgumentException(
                $"The mean image has {meanImage.Length} values; a {Width}x{Height} image needs {3 * plane}.", nameof(normalization));
        }

        var bgr = normalization.ChannelOrder == ChannelOrder.Bgr;
        for (var c = 0; c < 3; c++)
        {
            // Tensor channel c reads byte offset 0/1/2 of each pixel; BGR reverses the order.
            var source = bgr ? 2 - c : c;
            var mean = Channel(normalization.Mean, c, 0f, nameof(ChwNormalization.Mean));
            var invStd = 1f / Channel(normalization.Std, c, 1f, nameof(ChwNormalization.Std));
            var scale = normalization.Scale;
            var output = destination.Slice(c * plane, plane);
            var perPixel = meanImage.IsEmpty ? default : meanImage.Slice(c * plane, plane);
            var pixels = Pixels.AsSpan();
            for (var p = 0; p < plane; p++)
            {
                var v = (pixels[(3 * p) + source] * scale) - mean;
                if (!perPixel.IsEmpty)
                {
                    v -= perPixel[p];
                }

                output[p] = v * invStd;
            }
        }
    }

    private static float Channel(IReadOnlyList<float>? values, int channel, float fallback, string name)
    {
        if (values is null)
        {
            return fallback;
        }

        if (values.Count != 3)
        {
            throw new ArgumentException($"{name} needs 3 values (one per channel), got {values.Count}.");
        }

        return values[channel];
    }
}
