using Itm.Index.Search;

namespace Itm.Search.Queries;

/// <summary>How a <see cref="QueryService"/> searches and where it caches the inputs of images it embeds.</summary>
public sealed record QueryOptions
{
    /// <summary>Image feature cache folder for query images; null for the default.</summary>
    public string? CacheDir { get; init; }

    public VectorIndexOptions Search { get; init; } = new();
}
