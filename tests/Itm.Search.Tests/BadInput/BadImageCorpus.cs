using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Itm.Data.Tests.Images;
using SkiaSharp;

namespace Itm.Search.Tests.BadInput;

/// <summary>What the indexer should do with one file of the corpus.</summary>
internal enum Expect
{
    /// <summary>Decoded and embedded (good images, and valid but unusual ones).</summary>
    Embedded,

    /// <summary>Listed as unreadable, by name, with a reason.</summary>
    Unreadable,

    /// <summary>Damaged in a way a decoder may tolerate (bytes flipped in the middle): embedded or unreadable, never a crash.</summary>
    EmbeddedOrUnreadable,

    /// <summary>Never reaches the decoder: a symlink whose target is outside the images folder is left out of the scan and reported.</summary>
    OutsideFolder,
}

/// <summary>One file of the corpus: where it is, which kind of input it is, what should happen to it.</summary>
internal sealed record CorpusEntry(string RelativePath, string Kind, Expect Expect);

/// <summary>
/// The bad-input corpus, generated on the fly (nothing is downloaded): every kind of damaged, hostile or unusual image
/// the issue lists, next to a few good ones, and symlinks that point out of the folder or loop back into it.
/// </summary>
internal static class BadImageCorpus
{
    /// <summary>Writes the corpus under <paramref name="root"/>; targets of out-of-folder symlinks go under <paramref name="outside"/>.</summary>
    public static IReadOnlyList<CorpusEntry> Write(string root, string outside)
    {
        var entries = new List<CorpusEntry>();
        void Add(string relative, string kind, Expect expect, byte[] bytes)
        {
            string path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            entries.Add(new CorpusEntry(relative, kind, expect));
        }

        static SKColor Paint(int x, int y) => x < 16 ? SKColors.Red : (y < 16 ? SKColors.Blue : SKColors.Green);
        byte[] png = TestImages.Png(32, 32, Paint);
        byte[] jpeg = TestImages.Jpeg(32, 32, Paint);
        byte[] webp = TestImages.Encode(SKEncodedImageFormat.Webp, 32, 32, Paint, quality: 90);
        byte[] gif = TestImages.Gif(32, 32, SKColors.Red, SKColors.Blue, SKColors.Green);

        // Good images.
        Add("good/shapes.png", "good", Expect.Embedded, png);
        Add("good/shapes.jpg", "good", Expect.Embedded, jpeg);
        Add("good/shapes.webp", "good", Expect.Embedded, webp);
        Add("good/shapes.bmp", "good", Expect.Embedded, TestImages.Bmp(32, 32, Paint));

        // Valid but unusual.
        Add("unusual/sixteen-bit.png", "16-bit PNG", Expect.Embedded, SixteenBitPng(32, 32));
        Add("unusual/gray.png", "grayscale", Expect.Embedded, Gray(SKEncodedImageFormat.Png));
        Add("unusual/gray.jpg", "grayscale", Expect.Embedded, Gray(SKEncodedImageFormat.Jpeg));
        Add("unusual/alpha.png", "alpha", Expect.Embedded, TestImages.Png(32, 32, (x, y) => new SKColor(255, 0, 0, (byte)(x * 8))));
        Add("unusual/animated.gif", "animated GIF", Expect.Embedded, gif);
        Add("unusual/exif-rotated.jpg", "EXIF-rotated", Expect.Embedded, TestImages.WithExifOrientation(jpeg, 6));
        Add("unusual/cmyk.jpg", "CMYK JPEG", Expect.Embedded, CmykJpeg());
        Add("unusual/UPPER.PNG", "upper-case extension", Expect.Embedded, png);

        // Truncated, and corrupted in the middle.
        foreach (var (name, bytes) in new[] { ("jpg", jpeg), ("png", png), ("webp", webp), ("gif", gif) })
        {
            // Half of a three-frame GIF still holds its whole first frame, which is all that is decoded: a single frame is cut instead.
            byte[] whole = name == "gif" ? TestImages.Gif(32, 32, SKColors.Red) : bytes;
            Add($"truncated/half.{name}", "truncated", Expect.Unreadable, whole[..(whole.Length / 2)]);
            Add($"corrupt/middle.{name}", "corrupt middle", Expect.EmbeddedOrUnreadable, CorruptMiddle(bytes));
        }

        Add("truncated/animated-after-frame-1.gif", "truncated after frame 1", Expect.Embedded, gif[..(gif.Length * 2 / 3)]);
        Add("truncated/header-only.png", "truncated", Expect.Unreadable, png[..33]);
        Add("empty/zero.png", "zero-byte", Expect.Unreadable, []);
        Add("empty/zero.jpg", "zero-byte", Expect.Unreadable, []);
        Add("not-images/text.jpg", "not an image", Expect.Unreadable, "Dear diary, today I was a JPEG."u8.ToArray());
        Add("not-images/html.png", "not an image", Expect.Unreadable, "<html><body>404</body></html>"u8.ToArray());
        Add("not-images/random.webp", "not an image", Expect.Unreadable, RandomBytes(4096));
        Add("bombs/100000x100000.png", "decompression bomb", Expect.Unreadable, TestImages.PngHeaderOnly(100_000, 100_000));
        Add("bombs/gzip-bomb.svgz", "decompression bomb", Expect.Unreadable, GzipBomb());

        // SVGs: what is outside the document is never fetched; hostile DTDs are refused.
        Add("svg/benign.svg", "SVG benign", Expect.Embedded, Utf8(TestImages.SvgDocument(20, 20, """<rect width="20" height="20" fill="#00f"/>""")));
        Add("svg/external-image.svg", "SVG external reference", Expect.Embedded, Utf8(TestImages.SvgDocument(20, 20,
            """<rect width="20" height="20" fill="#0f0"/><image width="20" height="20" href="file:///etc/passwd"/><image width="20" height="20" xlink:href="http://127.0.0.1:9/x.png"/>""")));
        Add("svg/script.svg", "SVG script", Expect.Embedded, Utf8(TestImages.SvgDocument(20, 20,
            """<script>while(true){}</script><rect width="20" height="20" fill="#f00" onload="alert(1)"/>""")));
        Add("svg/external-entity.svg", "SVG external entity", Expect.Unreadable, Utf8("""
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><desc>&secret;</desc><rect width="10" height="10"/></svg>
            """));
        var levels = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"""<!ENTITY l{i} "{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}">"""));
        Add("svg/billion-laughs.svg", "SVG entity expansion", Expect.Unreadable, Utf8($"""
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY l0 "lol"> {levels} ]>
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><desc>&l9;</desc></svg>
            """));
        Add("svg/malformed.svg", "SVG malformed", Expect.Unreadable, "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect"u8.ToArray());

        // Symlinks: to a file and a folder outside, a loop back to the parent, and one that stays inside (followed).
        File.WriteAllBytes(Path.Combine(outside, "secret.png"), png);
        Directory.CreateDirectory(Path.Combine(outside, "private"));
        File.WriteAllBytes(Path.Combine(outside, "private", "photo.png"), png);
        Directory.CreateDirectory(Path.Combine(root, "links"));
        File.CreateSymbolicLink(Path.Combine(root, "links", "secret.png"), Path.Combine(outside, "secret.png"));
        entries.Add(new CorpusEntry("links/secret.png", "symlink to a file outside", Expect.OutsideFolder));
        File.CreateSymbolicLink(Path.Combine(root, "links", "dotdot.png"), "../../" + Path.GetFileName(outside) + "/secret.png");
        entries.Add(new CorpusEntry("links/dotdot.png", "symlink to a file outside", Expect.OutsideFolder));
        Directory.CreateSymbolicLink(Path.Combine(root, "links", "private"), Path.Combine(outside, "private"));
        entries.Add(new CorpusEntry("links/private", "symlink to a folder outside", Expect.OutsideFolder));
        Directory.CreateSymbolicLink(Path.Combine(root, "links", "loop"), "..");
        File.CreateSymbolicLink(Path.Combine(root, "links", "inside.png"), "../good/shapes.png");
        entries.Add(new CorpusEntry("links/inside.png", "symlink inside the folder", Expect.Embedded));
        File.CreateSymbolicLink(Path.Combine(root, "links", "dangling.png"), "nowhere.png");
        entries.Add(new CorpusEntry("links/dangling.png", "dangling symlink", Expect.Unreadable));
        return entries;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gray(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(32, 32, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 32 * 8);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>Overwrites the middle third with a fixed pseudo-random pattern, keeping the length.</summary>
    private static byte[] CorruptMiddle(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var noise = RandomBytes(copy.Length / 3);
        noise.CopyTo(copy, copy.Length / 3);
        return copy;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An .svgz that inflates to 80 MB of spaces (over the 64 MB byte limit) from about 80 KB.</summary>
    private static byte[] GzipBomb()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">"u8);
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (int i = 0; i < 80; i++)
            {
                gzip.Write(spaces);
            }
        }

        return output.ToArray();
    }

    /// <summary>A 16-bit-per-channel RGB PNG, written by hand (Skia encodes 8-bit only): a red-to-blue gradient.</summary>
    private static byte[] SixteenBitPng(int width, int height)
    {
        var raw = new MemoryStream();
        var px = new byte[6];
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (int x = 0; x < width; x++)
            {
                ushort r = (ushort)(65535 * (width - 1 - x) / (width - 1)), b = (ushort)(65535 * x / (width - 1));
                BinaryPrimitives.WriteUInt16BigEndian(px, r);
                BinaryPrimitives.WriteUInt16BigEndian(px.AsSpan(2), 0);
                BinaryPrimitives.WriteUInt16BigEndian(px.AsSpan(4), b);
                raw.Write(px);
            }
        }

        var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 16; // bit depth
        ihdr[9] = 2;  // truecolour RGB
        var output = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        TestImages.AddChunk(output, "IHDR", ihdr);
        TestImages.AddChunk(output, "IDAT", idat.ToArray());
        TestImages.AddChunk(output, "IEND", []);
        return [.. output];
    }

    /// <summary>
    /// An 8×8 baseline JPEG with four components and an Adobe APP14 marker (transform 0): CMYK, as print workflows
    /// write it. Skia cannot encode one, so it is written by hand: every block holds only a zero DC difference, coded
    /// with one-symbol Huffman tables (1 bit each for DC and end-of-block), so the entropy data is a single byte.
    /// </summary>
    private static byte[] CmykJpeg()
    {
        var o = new List<byte>();
        void Marker(byte code, params byte[] payload)
        {
            o.Add(0xFF);
            o.Add(code);
            o.Add((byte)((payload.Length + 2) >> 8));
            o.Add((byte)(payload.Length + 2));
            o.AddRange(payload);
        }

        o.AddRange([0xFF, 0xD8]);                                               // SOI
        Marker(0xEE, [.. "Adobe"u8.ToArray(), 0, 100, 0, 0, 0, 0, 0]);          // APP14: version 100, transform 0 (CMYK)
        Marker(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);                 // DQT table 0, all ones
        Marker(0xC0, [8, 0, 8, 0, 8, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]); // SOF0 8x8, 4 components
        Marker(0xC4, [0x00, 1, .. new byte[15], 0]);                            // DHT DC 0: one code of length 1 -> category 0
        Marker(0xC4, [0x10, 1, .. new byte[15], 0]);                            // DHT AC 0: one code of length 1 -> EOB
        Marker(0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]);        // SOS, 4 components
        o.Add(0x00);                                                            // 4 blocks x (DC "0" + EOB "0") = 8 bits
        o.AddRange([0xFF, 0xD9]);                                               // EOI
        return [.. o];
    }
}
