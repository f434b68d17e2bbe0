namespace Itm.Data.Images.Ocr;

/// <summary>How <see cref="TesseractEngine"/> reads text inside images.</summary>
public sealed record OcrOptions
{
    /// <summary>Debian's libtesseract5 (<c>apt-get install libtesseract5</c>); a name the system loader finds, or a path.</summary>
    public string Library { get; init; } = "libtesseract.so.5";

    /// <summary>
    /// The folder holding <c>LANGUAGE.traineddata</c>; null looks in <c>$TESSDATA_PREFIX</c>, then Debian's
    /// <c>/usr/share/tesseract-ocr/5/tessdata</c> and <c>/usr/share/tesseract-ocr/4.00/tessdata</c>.
    /// </summary>
    public string? TessdataFolder { get; init; }

    /// <summary>Tesseract's language code (<c>tesseract-ocr-eng</c> gives <c>eng</c>).</summary>
    public string Language { get; init; } = "eng";

    /// <summary>
    /// Words Tesseract is less sure of than this (its 0–100 word confidence) are dropped. 60 keeps the words of
    /// clearly rendered text and drops most of what it "reads" in shapes, textures and photos, where its guesses
    /// are short nonsense at confidences mostly under 50.
    /// </summary>
    public float MinConfidence { get; init; } = 60f;

    /// <summary>
    /// Images are decoded with their longer side scaled to this many pixels (on white) before reading: small
    /// pictures are enlarged, where Tesseract misses letters under ~10 px high, and huge ones reduced, bounding the time.
    /// </summary>
    public int DecodeSize { get; init; } = 1024;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Library, nameof(Library));
        ArgumentException.ThrowIfNullOrWhiteSpace(Language, nameof(Language));
        if (MinConfidence is < 0 or > 100 || float.IsNaN(MinConfidence))
        {
            throw new ArgumentOutOfRangeException(nameof(MinConfidence), MinConfidence, "MinConfidence is a Tesseract confidence, from 0 to 100.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(DecodeSize, 32, nameof(DecodeSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DecodeSize, 8192, nameof(DecodeSize));
    }
}
