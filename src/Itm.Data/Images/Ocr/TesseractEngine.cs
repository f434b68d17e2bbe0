using System.Runtime.InteropServices;
using System.Text;
using Itm.Data.Text;

namespace Itm.Data.Images.Ocr;

/// <summary>
/// Reads the words inside an image with Tesseract (Debian's libtesseract5, through its C API). One engine holds one
/// Tesseract instance, which is not thread-safe: use one engine per thread. Images are decoded by itm's own loader
/// (so every format itm indexes, SVG included, is read the same way) with the longer side at
/// <see cref="OcrOptions.DecodeSize"/>, on white.
/// </summary>
public sealed unsafe class TesseractEngine : IDisposable
{
    private readonly TesseractApi _api;
    private readonly ImageLoader _loader;
    private nint _handle;

    /// <exception cref="OcrUnavailableException">The library or the language data is not installed.</exception>
    public TesseractEngine(OcrOptions? options = null)
    {
        Options = options ?? new OcrOptions();
        Options.Validate();
        _api = TesseractApi.Load(Options.Library);
        var tessdata = FindTessdata(Options);
        _handle = _api.Create();
        var path = Encoding.UTF8.GetBytes(tessdata + "\0");
        var language = Encoding.UTF8.GetBytes(Options.Language + "\0");
        int status;
        fixed (byte* p = path, l = language)
        {
            status = _api.Init3(_handle, p, l);
        }

        if (status != 0)
        {
            _api.Delete(_handle);
            _handle = 0;
            throw new OcrUnavailableException($"its '{Options.Language}' language data could not be loaded from {tessdata}");
        }

        _api.SetPageSegMode(_handle, TesseractApi.AutomaticLayout);
        SetVariable("debug_file", "/dev/null");
 // its diagnostics ("Empty page!!") would otherwise interleave with the progress bar
        _loader = new ImageLoader(new ImageLoadOptions { TargetSize = Options.DecodeSize, Fit = ImageFit.Contain });
    }

    public OcrOptions Options { get; }

    /// <summary>Every word Tesseract reads in the image file, in reading order, whatever its confidence.</summary>
    /// <exception cref="ImageLoadException">The file can't be read as an image.</exception>
    public IReadOnlyList<OcrWord> ReadFile(string path) => Read(_loader.Load(path));

    /// <summary>Every word Tesseract reads in decoded pixels, in reading order, whatever its confidence.</summary>
    public IReadOnlyList<OcrWord> Read(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        var words = new List<OcrWord>();
        var (content, width, height) = WithoutWhiteBorders(image);
        if (content.Length == 0)
        {
            return words;
        }

        fixed (byte* pixels = content)
        {
            // Tesseract keeps a pointer to the pixels until Clear: both happen inside this fixed block.
            _api.SetImage(_handle, pixels, width, height, 3, width * 3);
            _api.SetSourceResolution(_handle, 300); // no DPI in the data; saying one stops its "estimating resolution" guess and warning
            try
            {
                if (_api.Recognize(_handle, 0) != 0)
                {
                    return words;
                }

                var iterator = _api.GetIterator(_handle);
                if (iterator == 0)
                {
                    return words;
                }

                try
                {
                    do
                    {
                        var text = _api.IteratorText(iterator, TesseractApi.WordLevel);
                        if (text is null)
                        {
                            continue;
                        }

                        var word = Marshal.PtrToStringUTF8((nint)text) ?? "";
                        _api.DeleteText(text);
                        if (!string.IsNullOrWhiteSpace(word))
                        {
                            words.Add(new OcrWord(word, _api.IteratorConfidence(iterator, TesseractApi.WordLevel)));
                        }
                    }
                    while (_api.IteratorNext(iterator, TesseractApi.WordLevel) != 0);
                }
                finally
                {
                    _api.IteratorDelete(iterator);
                }
            }
            finally
            {
                _api.Clear(_handle);
            }
        }

        return words;
    }

    /// <summary>
    /// The pixels inside the white border, with a margin of <see cref="Margin"/> pixels: empty for an all-white
    /// image. The loader pads a picture that is not square with white to the square; Tesseract binarises the page
    /// with one global (Otsu) threshold, and white bands beside a grey or coloured picture put its background and
    /// its text on the same side of that threshold, so nothing is read (measured: most mid-grey pictures read
    /// nothing with the bands, and read with them cut).
    /// </summary>
    internal static (byte[] Pixels, int Width, int Height) WithoutWhiteBorders(RgbImage image)
    {
        var pixels = image.Pixels;
        int w = image.Width, h = image.Height;
        bool White(int x, int y)
        {
            int i = 3 * ((y * w) + x);
            return pixels[i] == 255 && pixels[i + 1] == 255 && pixels[i + 2] == 255;
        }

        bool RowWhite(int y) => Enumerable.Range(0, w).All(x => White(x, y));
        bool ColumnWhite(int x, int top, int bottom) => Enumerable.Range(top, bottom - top + 1).All(y => White(x, y));
        int top = 0;
        while (top < h && RowWhite(top))
        {
            top++;
        }

        if (top == h)
        {
            return ([], 0, 0);
        }

        int bottom = h - 1;
        while (RowWhite(bottom))
        {
            bottom--;
        }

        int left = 0;
        while (ColumnWhite(left, top, bottom))
        {
            left++;
        }

        int right = w - 1;
        while (ColumnWhite(right, top, bottom))
        {
            right--;
        }

        // The margin repeats the edge pixels outwards: a border without a new colour in it.
        int outWidth = right - left + 1 + (2 * Margin), outHeight = bottom - top + 1 + (2 * Margin);
        var output = new byte[3 * outWidth * outHeight];
        for (int y = 0; y < outHeight; y++)
        {
            int sy = Math.Clamp(y - Margin + top, top, bottom);
            for (int x = 0; x < outWidth; x++)
            {
                int sx = Math.Clamp(x - Margin + left, left, right);
                Array.Copy(pixels, 3 * ((sy * w) + sx), output, 3 * ((y * outWidth) + x), 3);
            }
        }

        return (output, outWidth, outHeight);
    }

    /// <summary>White pixels kept around the content: Tesseract misses letters that touch the edge of the page.</summary>
    internal const int Margin = 10;

    /// <summary>
    /// The distinct words of an image file as itm searches them: those at <see cref="OcrOptions.MinConfidence"/> or
    /// above, through the caption tokenizer (lower-cased, punctuation dropped), in reading order.
    /// </summary>
    public IReadOnlyList<string> ReadTokens(string path) => Tokens(ReadFile(path), Options.MinConfidence);

    /// <summary>The distinct tokens of the words at or above <paramref name="minConfidence"/>, in reading order.</summary>
    public static IReadOnlyList<string> Tokens(IEnumerable<OcrWord> words, float minConfidence)
    {
        ArgumentNullException.ThrowIfNull(words);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new List<string>();
        foreach (var word in words.Where(w => w.Confidence >= minConfidence))
        {
            tokens.AddRange(Tokenizer.Tokenize(word.Text).Where(seen.Add));
        }

        return tokens;
    }

    public void Dispose()
    {
        if (_handle != 0)
        {
            _api.End(_handle);
            _api.Delete(_handle);
            _handle = 0;
        }
    }

    private void SetVariable(string name, string value)
    {
        var n = Encoding.UTF8.GetBytes(name + "\0");
        var v = Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* pn = n, pv = v)
        {
            _api.SetVariable(_handle, pn, pv);
        }
    }

    private static string FindTessdata(OcrOptions options)
    {
        string[] candidates = options.TessdataFolder is { } given
            ? [given]
            : [Environment.GetEnvironmentVariable("TESSDATA_PREFIX") ?? "", "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"];
        var file = options.Language + ".traineddata";
        return candidates.FirstOrDefault(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, file)))
            ?? throw new OcrUnavailableException($"no {file} in {string.Join(", ", candidates.Where(c => c.Length > 0))}");
    }
}
