using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Itm.Data.Tests.Images;

/// <summary>
/// The catalogue of image fixtures. They are built on the fly, byte by byte where Skia cannot encode the format,
/// so every test states exactly what is in its file.
/// </summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(255, 0, 0);
    public static readonly SKColor Green = new(0, 255, 0);
    public static readonly SKColor Blue = new(0, 0, 255);

    /// <summary>Encodes a picture painted by <paramref name="paint"/> (x, y → colour) with Skia's own encoders.</summary>
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height, Func<int, int, SKColor> paint, int quality = 100)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var c = paint(x, y);
                var i = 4 * ((y * width) + x);
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (c.Red, c.Green, c.Blue, c.Alpha);
            }
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height, Func<int, int, SKColor> paint) => Encode(SKEncodedImageFormat.Png, width, height, paint);

    public static byte[] Jpeg(int width, int height, Func<int, int, SKColor> paint) => Encode(SKEncodedImageFormat.Jpeg, width, height, paint);

    /// <summary>Left half red, right half blue: the shape of every orientation and crop test.</summary>
    public static SKColor RedLeftBlueRight(int x, int width) => x < width / 2 ? Red : Blue;

    /// <summary>An uncompressed 24-bit BMP (rows bottom-up, each padded to 4 bytes, stored B, G, R).</summary>
    public static byte[] Bmp(int width, int height, Func<int, int, SKColor> paint)
    {
        var stride = ((width * 3) + 3) & ~3;
        var pixelBytes = stride * height;
        var bytes = new byte[54 + pixelBytes];
        var span = bytes.AsSpan();
        "BM"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], 54);        // pixel data offset
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);        // BITMAPINFOHEADER size
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], height);    // positive: bottom-up
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);         // planes
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);        // bits per pixel
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], pixelBytes);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * stride);
            for (var x = 0; x < width; x++)
            {
                var c = paint(x, y);
                bytes[row + (3 * x)] = c.Blue;
                bytes[row + (3 * x) + 1] = c.Green;
                bytes[row + (3 * x) + 2] = c.Red;
            }
        }

        return bytes;
    }

    /// <summary>
    /// An animated GIF with one solid frame per colour. The LZW stream sends a clear code after every two pixels,
    /// so the code table never grows past 3-bit codes and no real compressor is needed.
    /// </summary>
    public static byte[] Gif(int width, int height, params SKColor[] frames)
    {
        var output = new List<byte>();
        output.AddRange("GIF89a"u8.ToArray());
        AddUInt16(output, width);
        AddUInt16(output, height);
        output.Add(0xF1);   // global colour table, 8-bit resolution, 2^(1+1) = 4 entries
        output.Add(0);      // background colour index
        output.Add(0);      // pixel aspect ratio
        for (var i = 0; i < 4; i++)
        {
            var c = i < frames.Length ? frames[i] : SKColors.Black;
            output.AddRange([c.Red, c.Green, c.Blue]);
        }

        for (var f = 0; f < frames.Length; f++)
        {
            output.AddRange([0x21, 0xF9, 0x04, 0x04, 10, 0, 0, 0]);  // graphic control: no disposal, 0.1 s, no transparency
            output.Add(0x2C);
            AddUInt16(output, 0);
            AddUInt16(output, 0);
            AddUInt16(output, width);
            AddUInt16(output, height);
            output.Add(0);  // no local colour table, not interlaced
            output.Add(2);  // LZW minimum code size: codes 0-3 are colours, 4 = clear, 5 = end
            var codes = new List<int> { 4 };
            for (var p = 0; p < width * height; p++)
            {
                codes.Add(f);
                if (p % 2 == 1)
                {
                    codes.Add(4);
                }
            }

            codes.Add(5);
            var packed = PackLsbFirst(codes, bitsPerCode: 3);
            for (var i = 0; i < packed.Length; i += 255)
            {
                var n = Math.Min(255, packed.Length - i);
                output.Add((byte)n);
                output.AddRange(packed.AsSpan(i, n).ToArray());
            }

            output.Add(0);
        }

        output.Add(0x3B);
        return [.. output];
    }

    /// <summary>Inserts an EXIF APP1 segment holding only an Orientation tag (TIFF tag 274) right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        }

        var tiff = new byte[26];
        "II*\0"u8.CopyTo(tiff);                                            // little-endian TIFF header
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);      // first IFD at offset 8
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);      // one entry
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112); // Orientation
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);     // SHORT
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);     // count
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(22), 0);     // no next IFD
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + payload.Length));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> × <paramref name="height"/> followed by a token IDAT: a decompression-bomb shape.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var output = new List<byte>();
        output.AddRange([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 2;   // truecolour RGB
        AddChunk(output, "IHDR", ihdr);
        AddChunk(output, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        AddChunk(output, "IEND", []);
        return [.. output];
    }

    public static string SvgDocument(int width, int height, string body) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" height="{height}" viewBox="0 0 {width} {height}">{body}</svg>""";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void AddUInt16(List<byte> output, int value)
    {
        output.Add((byte)(value & 0xFF));
        output.Add((byte)(value >> 8));
    }

    private static byte[] PackLsbFirst(List<int> codes, int bitsPerCode)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var code in codes)
        {
            buffer |= code << bits;
            bits += bitsPerCode;
            while (bits >= 8)
            {
                bytes.Add((byte)(buffer & 0xFF));
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            bytes.Add((byte)buffer);
        }

        return [.. bytes];
    }

    /// <summary>Appends a PNG chunk: its length, type, data and CRC-32.</summary>
    public static void AddChunk(List<byte> output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.AddRange(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.AddRange(crc);
    }

    /// <summary>The CRC-32 PNG chunks end with (polynomial 0xEDB88320), computed bit by bit; fixtures are tiny.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>A folder under the system temp directory that is deleted with the test class.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "itm-tests-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a passing test over it is not.
        }
    }
}
