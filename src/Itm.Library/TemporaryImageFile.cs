using Itm.Data.Images;

namespace Itm;

/// <summary>
/// An image held in memory, written to a temporary file for the pipeline (which reads files), as the server does with
/// an upload, and deleted on dispose. A decoding error names the caller's <see cref="Name"/>, never the temporary path.
/// The feature cache is keyed by the file's bytes, so the temporary name costs no cache miss.
/// </summary>
internal sealed class TemporaryImageFile : IDisposable
{
    private TemporaryImageFile(string path, string name)
    {
        Path = path;
        Name = name;
    }

    public string Path { get; }

    public string Name { get; }

    /// <param name="name">Named in errors; its extension (.svg, .png, ...) is kept so an SVG without an XML prolog is still recognised.</param>
    public static TemporaryImageFile Write(Stream image, string? name)
    {
        ArgumentNullException.ThrowIfNull(image);
        name = string.IsNullOrWhiteSpace(name) ? "image" : name;
        string extension = ImageFileTypes.IsImage(name) ? System.IO.Path.GetExtension(name).ToLowerInvariant() : ".image";
        string folder = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "itm-library")).FullName;
        string path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}{extension}");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            image.CopyTo(file);
        }

        return new TemporaryImageFile(path, name);
    }

    /// <summary>Runs <paramref name="use"/> on the file, naming <see cref="Name"/> in a decoding error.</summary>
    public T Use<T>(Func<string, T> use)
    {
        try
        {
            return use(Path);
        }
        catch (ImageLoadException e) when (e.Path == Path)
        {
            throw new ImageLoadException(Name, e.Failure, e.Reason, e);
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // The system cleans its temporary folder; a leftover file is harmless.
        }
    }
}
