using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Itm.Data.Images;
using Itm.Data.IO;
using Itm.Search.Queries;
using SkiaSharp;

namespace Itm.Search.Thumbnails;

/// <summary>
/// Thumbnails of indexed images, drawn once with the image pipeline (SVGs included, the whole image fitted on white)
/// and kept as WebP files in the index folder's <c>thumbnails/</c>. A file's name carries its id and a key of the
/// image file's current size and modification time, so an edited image gets a new thumbnail and the old one is removed.
/// Files are written atomically: concurrent requests for the same image at worst draw it twice.
/// </summary>
public sealed class ThumbnailCache
{
    public const string FolderName = "thumbnails";
    public const string ContentType = "image/webp";

    // Part of every key: changing how thumbnails are drawn must not serve the old ones.
    private const string Version = "contain-webp-v1";
    private const string Extension = ".webp";

    private readonly ThumbnailOptions options;
    private readonly ImageLoader loader;

    public ThumbnailCache(string indexDir, ThumbnailOptions? options = null)
    {
        this.options = options ?? new ThumbnailOptions();
        this.options.Validate();
        Folder = Path.Combine(Path.GetFullPath(indexDir), FolderName);
        loader = new ImageLoader(new ImageLoadOptions { TargetSize = this.options.Size, Fit = ImageFit.Contain });
    }

    /// <summary>Where the thumbnails are kept.</summary>
    public string Folder { get; }

    /// <summary>
    /// The path of the image's thumbnail, drawn and stored first if it isn't there yet. Throws
    /// <see cref="FileNotFoundException"/> when the image file is gone and <see cref="ImageLoadException"/> when it can't be decoded.
    /// </summary>
    public string GetOrCreate(IndexedImage image)
    {
        var file = new FileInfo(image.Path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"The indexed image {image.RelativePath} is no longer on disk. Run `itm index` again.", image.RelativePath);
        }

        string path = Path.Combine(Folder, $"{image.Id.ToString(CultureInfo.InvariantCulture)}-{Key(file)}{Extension}");
        if (File.Exists(path))
        {
            return path;
        }

        byte[] encoded = Encode(loader.Load(image.Path));
        AtomicFile.Write(path, stream => stream.Write(encoded));
        RemoveOlderVersions(image.Id, path);
        return path;
    }

    private string Key(FileInfo file)
    {
        string identity = $"{Version}|{options.Size}|{options.Quality}|{file.Length}|{file.LastWriteTimeUtc.Ticks}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }

    private byte[] Encode(RgbImage image)
    {
        using var bitmap = image.ToBitmap();
        using var data = bitmap.Encode(SKEncodedImageFormat.Webp, options.Quality)
            ?? throw new InvalidOperationException("SkiaSharp could not encode a WebP thumbnail.");
        return data.ToArray();
    }

    private void RemoveOlderVersions(long id, string current)
    {
        foreach (string old in Directory.EnumerateFiles(Folder, $"{id.ToString(CultureInfo.InvariantCulture)}-*{Extension}"))
        {
            if (!string.Equals(old, current, StringComparison.Ordinal))
            {
                try
                {
                    File.Delete(old);
                }
                catch (IOException)
                {
                    // Another request may be removing it too; a leftover is only disk space.
                }
            }
        }
    }
}
