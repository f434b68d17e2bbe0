namespace Itm.Index.Indexing;

/// <summary>An image file that could not be read, and why (the decoder's reason, naming the problem).</summary>
public sealed record UnreadableImage(string Path, string Reason);

/// <summary>
/// What embedding a batch of files produced: the vectors of the readable ones (row-major, one row per entry of
/// <see cref="Embedded"/>, in that order) and the unreadable ones.
/// </summary>
/// <param name="Embedded">Indices, into the paths asked for, of the files that have a row.</param>
public sealed record EmbeddedImages(IReadOnlyList<int> Embedded, float[] Vectors, IReadOnlyList<UnreadableImage> Unreadable);

/// <summary>Turns image files into joint-space vectors (a trained model, in production; something simpler in tests).</summary>
public interface IImageEmbedder
{
    /// <summary>
    /// Embeds every file it can read; an unreadable file is reported, never thrown.
    /// <paramref name="progress"/> receives how many of <paramref name="paths"/> are done.
    /// </summary>
    EmbeddedImages Embed(IReadOnlyList<string> paths, IProgress<int>? progress, CancellationToken cancellation);
}

/// <summary>Turns raw sentences into joint-space vectors, row-major, one row per sentence.</summary>
public interface ITextEmbedder
{
    float[] Embed(IReadOnlyList<string> sentences);
}
