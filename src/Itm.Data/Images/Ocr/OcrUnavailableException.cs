namespace Itm.Data.Images.Ocr;

/// <summary>Tesseract or its language data is not installed: the one error <c>--ocr</c> gives for either.</summary>
public sealed class OcrUnavailableException : Exception
{
    public const string Install = "apt-get install libtesseract5 tesseract-ocr-eng";

    public OcrUnavailableException(string detail, Exception? inner = null)
        : base($"--ocr needs Tesseract: {Install} ({detail}).", inner)
    {
    }
}
