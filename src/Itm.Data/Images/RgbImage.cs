using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>The mirror image: every row reversed, left and right swapped.</summary>
    public RgbImage Mirrored()
    {
        var mirrored = new byte[Pixels.Length];
        int row = 3 * Width;
        for (int y = 0; y < Height; y++)
        {
            int start = y * row;
            for (int x = 0; x < Width; x++)
            {
                Pixels.AsSpan(start + (3 * x), 3).CopyTo(mirrored.AsSpan(start + (3 * (Width - 1 - x)), 3));
            }
        }

        return new RgbImage(Width, Height, mirrored);
    }

    /// <summary>The <paramref name="width"/> × <paramref name="height"/> region whose top-left pixel is (<paramref name="x"/>, <paramref name="y"/>), copied.</summary>
    public RgbImage Cropped(int x, int y, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(x + width, Width, nameof(width));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(y + height, Height, nameof(height));
        var cropped = new byte[checked(width * height * 3)];
        for (int row = 0; row < height; row++)
        {
            Pixels.AsSpan(3 * (((y + row) * Width) + x), 3 * width).CopyTo(cropped.AsSpan(3 * row * width));
        }

        return new RgbImage(width, height, cropped);
    }

    /// <summary>
    /// The image at half its size: each pixel the mean of a 2 × 2 block, rounded half up (an odd last row or column is
    /// dropped). The box filter is exact to describe, so an exported graph computes the same pixels.
    /// </summary>
    public RgbImage Halved()
    {
        int width = Width / 2, height = Height / 2;
        if (width == 0 || height == 0)
        {
            throw new InvalidOperationException($"A {Width}x{Height} image has no half-size version.");
        }

        var halved = new byte[width * height * 3];
        int row = 3 * Width;
        for (int y = 0; y < height; y++)
        {
            var top = Pixels.AsSpan(2 * y * row, row);
            var bottom = Pixels.AsSpan(((2 * y) + 1) * row, row);
            var output = halved.AsSpan(3 * y * width, 3 * width);
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int left = (6 * x) + c, right = left + 3;
                    output[(3 * x) + c] = (byte)((top[left] + top[right] + bottom[left] + bottom[right] + 2) >> 2);
                }
            }
        }

        return new RgbImage(width, height, halved);
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
        var pixels = Pixels.AsSpan(0, 3 * plane);
        for (var c = 0; c < 3; c++)
        {
            // Tensor channel c reads byte offset 0/1/2 of each pixel; BGR reverses the order.
            var output = destination.Slice(c * plane, plane);
            Deinterleave(pixels, bgr ? 2 - c : c, output);
            var mean = Channel(normalization.Mean, c, 0f, nameof(ChwNormalization.Mean));
            var invStd = 1f / Channel(normalization.Std, c, 1f, nameof(ChwNormalization.Std));
            Normalize(output, normalization.Scale, mean, meanImage.IsEmpty ? default : meanImage.Slice(c * plane, plane), invStd);
        }
    }

    /// <summary>Byte <paramref name="offset"/> of every 3-byte pixel, as floats.</summary>
    private static void Deinterleave(ReadOnlySpan<byte> pixels, int offset, Span<float> output)
    {
        ref var source = ref MemoryMarshal.GetReference(pixels);
        ref var target = ref MemoryMarshal.GetReference(output);
        for (nint p = 0, i = offset; p < output.Length; p++, i += 3)
        {
            Unsafe.Add(ref target, p) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary>
    /// <c>((v * scale) - mean - perPixel) * invStd</c> in place, one vector at a time, each operation rounded as the
    /// scalar expression rounds it (no fused multiply-add), so the tensor is the same to the bit whatever the vector width.
    /// Steps that change nothing (scale 1, mean 0, no mean image, std 1) are skipped.
    /// </summary>
    private static void Normalize(Span<float> values, float scale, float mean, ReadOnlySpan<float> perPixel, float invStd)
    {
        var affine = scale != 1f || mean != 0f;
        var scaled = invStd != 1f;
        if (!affine && perPixel.IsEmpty && !scaled)
        {
            return;
        }

        var width = Vector<float>.Count;
        var p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scaleV = new Vector<float>(scale);
            var meanV = new Vector<float>(mean);
            var invStdV = new Vector<float>(invStd);
            for (; p <= values.Length - width; p += width)
            {
                var v = new Vector<float>(values[p..]);
                if (affine)
                {
                    v = (v * scaleV) - meanV;
                }

                if (!perPixel.IsEmpty)
                {
                    v -= new Vector<float>(perPixel[p..]);
                }

                if (scaled)
                {
                    v *= invStdV;
                }

                v.CopyTo(values[p..]);
            }
        }

        for (; p < values.Length; p++)
        {
            var v = (values[p] * scale) - mean;
            if (!perPixel.IsEmpty)
            {
                v -= perPixel[p];
            }

            values[p] = v * invStd;
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
