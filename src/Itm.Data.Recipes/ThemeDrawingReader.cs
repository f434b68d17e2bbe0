using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using Itm.Data.Images;
using SkiaSharp;

namespace Itm.Data.Recipes;

/// <summary>What reading one theme drawing gave: a fingerprint of what it draws and its colour, or why it is skipped.</summary>
/// <param name="Fingerprint">Equal for identical drawings: an SVG's <see cref="SvgFingerprint"/> (gzip undone, root id and class
/// aside), a PNG's decoded pixels; null when the drawing failed.</param>
/// <param name="Failure">"broken" (not decodable, not renderable) or "drawsNothing" (an SVG without a shape); null when read.</param>
internal sealed record ThemeDrawingCheck(string? Fingerprint, string? Failure, IconColour Colour);

/// <summary>Reads a theme drawing once: decodes it (gzipped SVG, SVG, PNG), fingerprints it and renders it to measure its colour.</summary>
internal static class ThemeDrawingReader
{
    public const string Broken = "broken";
    public const string DrawsNothing = "drawsNothing";

    // An .svgz is inflated at most to this: an icon is a few hundred kilobytes, a gzip bomb is not.
    private const int MaxInflatedBytes = 16 * 1024 * 1024;

    /// <summary>Safe to call from many threads with one <paramref name="loader"/> (it is stateless).</summary>
    public static ThemeDrawingCheck Read(string path, ImageLoader loader)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            RgbImage image = loader.Load(bytes, path);
            string fingerprint;
            if (IsGzip(bytes) || IsSvg(path))
            {
                byte[] svg = IsGzip(bytes) ? Gunzip(bytes) : bytes;
                if (!SvgContent.DrawsSomething(svg))
                    return new ThemeDrawingCheck(null, DrawsNothing, default);
                fingerprint = "svg:" + IconsRecipe.Fingerprint(svg);
            }
            else
            {
                fingerprint = "pixels:" + PixelFingerprint(bytes);
            }

            return new ThemeDrawingCheck(fingerprint, null, IconColour.Of(image));
        }
        catch (Exception e) when (e is XmlException or ImageLoadException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new ThemeDrawingCheck(null, Broken, default);
        }
    }

    private static bool IsSvg(string path) => path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    private static bool IsGzip(byte[] bytes) => bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > MaxInflatedBytes)
                throw new InvalidDataException($"The gzipped SVG inflates to more than {MaxInflatedBytes:N0} bytes.");
        }

        return output.ToArray();
    }

    /// <summary>
    /// SHA-256 of the size and the straight-alpha RGBA pixels, with fully transparent pixels zeroed: two PNGs of one
    /// picture compressed differently, or with different invisible colours, are one drawing.
    /// </summary>
    private static string PixelFingerprint(byte[] png)
    {
        using var codec = SKCodec.Create(new MemoryStream(png, writable: false))
            ?? throw new InvalidDataException("Not a decodable raster image.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = SKBitmap.Decode(codec, info) ?? throw new InvalidDataException("The raster image did not decode.");
        byte[] pixels = bitmap.GetPixelSpan().ToArray();
        for (int i = 0; i < pixels.Length; i += 4)
        {
            if (pixels[i + 3] == 0)
                pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(info.Width));
        hash.AppendData(BitConverter.GetBytes(info.Height));
        hash.AppendData(pixels);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
