using SkiaSharp;

namespace Itm.Data.Images;

/// <summary>JPEG, PNG, WebP, GIF and BMP through SkiaSharp's codecs.</summary>
internal static class RasterDecoder
{
    // Decoding into sRGB converts images that carry another ICC profile (Adobe RGB, Display P3); sRGB ones pass unchanged.
    private static readonly SKColorSpace Srgb = SKColorSpace.CreateSrgb();

    public static RgbImage Decode(SKCodec codec, string name, ImageLoadOptions options)
    {
        var info = codec.Info;
        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageLoadException(name, ImageLoadFailure.Corrupt, $"its header declares an empty size ({info.Width}x{info.Height})");
        }

        // The header has been read, nothing has been decoded: this is where a decompression bomb is stopped.
        if (pixels > options.MaxPixels)
        {
            throw new ImageLoadException(name, ImageLoadFailure.TooLarge,
                $"it declares {info.Width}x{info.Height} = {pixels / 1e6:0.#} megapixels, over the limit of {options.MaxPixels / 1e6:0.#} (ImageLoadOptions.MaxPixels)");
        }

        var target = options.TargetSize;
        var size = DecodeSize(codec, target, options.Fit);
        using var bitmap = DecodePixels(codec, size, name);
        var origin = codec.EncodedOrigin;
        var (width, height) = SquareCrop.SwapsAxes(origin) ? (size.Height, size.Width) : (size.Width, size.Height);

        // Reductions use trilinear mipmaps (a box-like prefilter, so no aliasing); enlargements use cubic (Mitchell),
        // which stays sharp without the ringing of Catmull-Rom.
        var sampling = SquareCrop.Scale(width, height, target, options.Fit) < 1f
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        var matrix = SquareCrop.Matrix(size.Width, size.Height, origin, target, options.Fit);
        bitmap.SetImmutable();
        using var image = SKImage.FromBitmap(bitmap);
        return SquareCrop.Render(target, canvas =>
        {
            canvas.SetMatrix(matrix);
            canvas.DrawImage(image, 0, 0, sampling, paint: null);
        });
    }

    /// <summary>
    /// JPEG can be decoded at 1/8 steps of its size for a fraction of the cost (the scaling happens in the DCT). For a
    /// photo several times the target, decode at the smallest such size whose fitted side (the shorter one when
    /// cropping, the longer one when containing) still covers the target.
    /// </summary>
    private static SKSizeI DecodeSize(SKCodec codec, int target, ImageFit fit)
    {
        var full = codec.Info.Size;
        static int Fitted(SKSizeI size, ImageFit fit) => fit == ImageFit.Contain ? Math.Max(size.Width, size.Height) : Math.Min(size.Width, size.Height);
        var side = Fitted(full, fit);
        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg || side < 2 * target)
        {
            return full;
        }

        var scaled = codec.GetScaledDimensions((float)target / side);
        return Fitted(scaled, fit) >= target ? scaled : full;
    }

    private static SKBitmap DecodePixels(SKCodec codec, SKSizeI size, string name)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, Srgb);
        var bitmap = new SKBitmap(info);
        try
        {
            // Decoding a GIF without frame options gives its first frame, which is what we want for animations.
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result == SKCodecResult.InvalidConversion)
            {
                // A profile Skia cannot convert from: keep the stored colours rather than fail.
                bitmap.Dispose();
                info = info.WithColorSpace(null);
                bitmap = new SKBitmap(info);
                result = codec.GetPixels(info, bitmap.GetPixels());
            }

            if (result != SKCodecResult.Success)
            {
                throw new ImageLoadException(name, ImageLoadFailure.Corrupt, result switch
                {
                    SKCodecResult.IncompleteInput => $"the {Format(codec)} data ends early (the file is truncated)",
                    SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => $"the {Format(codec)} data is damaged",
                    _ => $"the {Format(codec)} decoder failed ({result})",
                });
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    private static string Format(SKCodec codec) => codec.EncodedFormat.ToString().ToUpperInvariant();
}
