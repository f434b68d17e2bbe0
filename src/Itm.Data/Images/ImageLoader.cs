using System.IO.Compression;
using SkiaSharp;

namespace Itm.Data.Images;

/// <summary>
/// Turns an image file into a square <see cref="RgbImage"/>: decode (JPEG, PNG, WebP, GIF first frame, BMP via
/// SkiaSharp; SVG via Svg.Skia), apply the EXIF orientation, composite transparency on white, resize the shorter
/// side to <see cref="ImageLoadOptions.TargetSize"/> and crop the centre (or, with <see cref="ImageFit.Contain"/>, fit
/// the longer side and pad with white). Stateless and safe to call from many threads.
/// </summary>
public sealed class ImageLoader
{
    /// <summary>
    /// Changes whenever this class would produce different pixels for the same file (resampling, colour handling,
    /// SVG settings). Feature caches put it in their key so old vectors are not mixed with new ones.
    /// </summary>
    public const string PipelineVersion = "skia-shorter-side-center-crop-v1";

    /// <summary>
    /// Changes whenever SVG files alone would render differently (v1: <c>&lt;text&gt;</c> is drawn in DejaVu, where it
    /// drew nothing before). It is kept out of <see cref="PipelineVersion"/> on purpose: that one is part of every
    /// trained model's image-input fingerprint, and raising it would make every model folder refuse to load. The
    /// feature cache puts this in the content key of SVG files instead (<c>FeatureCache.ContentKey</c>).
    /// </summary>
    public const string SvgRenderVersion = "svg-text-dejavu-v1";

    public ImageLoader(ImageLoadOptions? options = null)
    {
        Options = options ?? new ImageLoadOptions();
        Options.Validate();
    }

    public ImageLoadOptions Options { get; }

    /// <summary>Loads and crops the image at <paramref name="path"/>; throws <see cref="ImageLoadException"/> naming it.</summary>
    public RgbImage Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Decode(ReadFile(path), path);
    }

    /// <summary>Loads an image held in memory (an upload); <paramref name="name"/> is used in error messages and to spot .svg/.svgz.</summary>
    public RgbImage Load(ReadOnlySpan<byte> encoded, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (encoded.IsEmpty)
        {
            throw new ImageLoadException(name, ImageLoadFailure.Empty, "it is empty (0 bytes)");
        }

        if (encoded.Length > Options.MaxBytes)
        {
            throw TooManyBytes(name, encoded.Length);
        }

        return Decode(encoded, name);
    }

    private byte[] ReadFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                var what = Directory.Exists(path) ? "it is a folder, not a file" : "the file does not exist";
                throw new ImageLoadException(path, ImageLoadFailure.Missing, what);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var length = stream.Length;
            if (length == 0)
            {
                throw new ImageLoadException(path, ImageLoadFailure.Empty, "it is empty (0 bytes)");
            }

            if (length > Options.MaxBytes)
            {
                throw TooManyBytes(path, length);
            }

            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageLoadException(path, ImageLoadFailure.Unreadable, $"it could not be read ({e.Message})", e);
        }
    }

    private ImageLoadException TooManyBytes(string name, long length) =>
        new(name, ImageLoadFailure.TooLarge, $"it is {length:N0} bytes, over the limit of {Options.MaxBytes:N0} bytes (ImageLoadOptions.MaxBytes)");

    private RgbImage Decode(ReadOnlySpan<byte> encoded, string name)
    {
        using (var data = SKData.CreateCopy(encoded))
        using (var codec = SKCodec.Create(data))
        {
            if (codec is not null)
            {
                return RasterDecoder.Decode(codec, name, Options);
            }
        }

        if (IsGzip(encoded))
        {
            var inflated = Gunzip(encoded, name);
            return SvgRenderer.LooksLikeSvg(inflated)
                ? SvgRenderer.Render(inflated, name, Options.TargetSize, Options.Fit)
                : throw new ImageLoadException(name, ImageLoadFailure.NotAnImage, "it is gzip-compressed, but not an SVG (.svgz)");
        }

        if (SvgRenderer.LooksLikeSvg(encoded) || name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return SvgRenderer.Render(encoded, name, Options.TargetSize, Options.Fit);
        }

        // Skia gives no codec when a header is cut short or damaged (a JPEG truncated before its tables): say so,
        // rather than "not an image", when the bytes start with a raster format's signature.
        if (RasterSignature(encoded) is { } format)
        {
            throw new ImageLoadException(name, ImageLoadFailure.Corrupt, $"it starts as a {format} file, but its header is damaged or cut short (the file is truncated?)");
        }

        throw new ImageLoadException(name, ImageLoadFailure.NotAnImage, "its contents are not in a supported image format");
    }

    private static string? RasterSignature(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "JPEG"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? "PNG"
        : bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8) ? "GIF"
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "WebP"
        : bytes.StartsWith("BM"u8) && bytes.Length >= 14 ? "BMP"
        : null;

    private static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    /// <summary>Inflates an .svgz, stopping at <see cref="ImageLoadOptions.MaxBytes"/> so a gzip bomb cannot fill memory.</summary>
    private byte[] Gunzip(ReadOnlySpan<byte> encoded, string name)
    {
        using var input = new MemoryStream(encoded.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > Options.MaxBytes)
                {
                    throw new ImageLoadException(name, ImageLoadFailure.TooLarge,
                        $"it inflates to more than {Options.MaxBytes:N0} bytes (ImageLoadOptions.MaxBytes)");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImageLoadException(name, ImageLoadFailure.Corrupt, "it is gzip-compressed but the data is damaged", e);
        }

        return output.ToArray();
    }
}
