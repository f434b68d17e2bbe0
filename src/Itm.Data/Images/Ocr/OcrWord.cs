namespace Itm.Data.Images.Ocr;

/// <summary>One word Tesseract read, as it read it, with its confidence (0–100).</summary>
public sealed record OcrWord(string Text, float Confidence);
