namespace Itm.Search.Queries;

/// <summary>The three questions an index answers.</summary>
public enum QueryKind
{
    /// <summary>A sentence in, the images that match it out.</summary>
    Search,

    /// <summary>An image in, the captions that describe it out.</summary>
    Annotate,

    /// <summary>An image in, the indexed images nearest to it out.</summary>
    Similar,
}
