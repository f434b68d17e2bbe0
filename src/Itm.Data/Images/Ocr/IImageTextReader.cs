namespace Itm.Data.Images.Ocr;

/// <summary>Reads the words inside image files, for <c>itm index --ocr</c>.</summary>
public interface IImageTextReader
{
    /// <summary>
    /// The distinct words (tokens, as the caption tokenizer writes them) inside each file, in the order given; an
    /// empty list for an image without text, and for one that can't be decoded (the embedder reports those).
    /// </summary>
    IReadOnlyList<IReadOnlyList<string>> Read(IReadOnlyList<string> paths, CancellationToken cancellation);
}
