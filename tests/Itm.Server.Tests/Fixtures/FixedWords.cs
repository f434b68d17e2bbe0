using Itm.Data.Images.Ocr;

namespace Itm.Server.Tests.Fixtures;

/// <summary>Stands in for Tesseract: gives one image the words, every other none.</summary>
internal sealed class FixedWords(string relativePath, IReadOnlyList<string> words) : IImageTextReader
{
    public IReadOnlyList<IReadOnlyList<string>> Read(IReadOnlyList<string> paths, CancellationToken cancellation) =>
        [.. paths.Select(path => path.EndsWith(relativePath, StringComparison.Ordinal) ? words : (IReadOnlyList<string>)[])];
}
