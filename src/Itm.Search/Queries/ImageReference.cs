using System.Globalization;

namespace Itm.Search.Queries;

/// <summary>The image a query is about: a file (indexed or not), or an indexed image by its id.</summary>
public sealed record ImageReference
{
    private ImageReference(string? path, long? id)
    {
        Path = path;
        Id = id;
    }

    public string? Path { get; }

    public long? Id { get; }

    public static ImageReference File(string path) => new(System.IO.Path.GetFullPath(path), null);

    public static ImageReference Indexed(long id) => new(null, id);

    /// <summary>
    /// A command-line argument: an existing file; otherwise a whole number is an indexed image's id; anything else is
    /// taken as a path (and fails as a missing file, naming it).
    /// </summary>
    public static ImageReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return !System.IO.File.Exists(text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? Indexed(id)
            : File(text);
    }

    public override string ToString() => Path ?? $"#{Id}";
}
