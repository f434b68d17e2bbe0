namespace Itm.Data.Images;

/// <summary>Why an image could not be loaded.</summary>
public enum ImageLoadFailure
{
    /// <summary>No file at the path.</summary>
    Missing,

    /// <summary>The file has zero bytes.</summary>
    Empty,

    /// <summary>The bytes are not in any supported format (JPEG, PNG, WebP, GIF, BMP, SVG).</summary>
    NotAnImage,

    /// <summary>The format was recognised but the data is truncated or damaged.</summary>
    Corrupt,

    /// <summary>The file or its declared pixel count is over the configured limit.</summary>
    TooLarge,

    /// <summary>The file exists but could not be read (permissions, I/O error).</summary>
    Unreadable,
}

/// <summary>
/// An image that cannot be decoded. The message names the file, the reason and what to do, so a CLI can
/// print it as is; <see cref="Path"/> and <see cref="Failure"/> let callers skip and count instead.
/// </summary>
public sealed class ImageLoadException : Exception
{
    public ImageLoadException(string path, ImageLoadFailure failure, string reason, Exception? inner = null)
        : base(Compose(path, failure, reason), inner)
    {
        Path = path;
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The file (or the name given to in-memory bytes).</summary>
    public string Path { get; }

    public ImageLoadFailure Failure { get; }

    /// <summary>The reason alone, without the file name and advice.</summary>
    public string Reason { get; }

    private static string Compose(string path, ImageLoadFailure failure, string reason)
    {
        var advice = failure switch
        {
            ImageLoadFailure.Missing => "Check the path (and --images ROOT, if the dataset lists relative paths).",
            ImageLoadFailure.Empty or ImageLoadFailure.Corrupt =>
                "Re-copy or re-download the file, or skip unreadable images.",
            ImageLoadFailure.NotAnImage =>
                "Supported formats are JPEG, PNG, WebP, GIF, BMP and SVG; remove the file from the dataset or skip unreadable images.",
            ImageLoadFailure.TooLarge => "Shrink the image, raise the limit in ImageLoadOptions, or skip unreadable images.",
            _ => "Check the file's permissions.",
        };
        return $"Cannot load image '{path}': {reason}. {advice}";
    }
}
