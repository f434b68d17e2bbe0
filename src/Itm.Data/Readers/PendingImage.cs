namespace Itm.Data.Readers;

/// <summary>An image being read, before its captions are final.</summary>
internal sealed class PendingImage(string id, string path, Split split, string item)
{
    public string Id { get; } = id;

    public string Path { get; } = path;

    public Split Split { get; } = split;

    /// <summary>How messages and the report name this image.</summary>
    public string Item { get; } = item;

    public List<PendingCaption> Captions { get; } = [];
}

/// <summary>A caption accepted so far; its sentence id may still be unassigned.</summary>
internal readonly record struct PendingCaption(long? SentenceId, string Raw, IReadOnlyList<string> Tokens);
