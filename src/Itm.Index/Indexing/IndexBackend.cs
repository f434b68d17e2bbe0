namespace Itm.Index.Indexing;

/// <summary>Where an index's vectors are searched.</summary>
public enum IndexBackend
{
    /// <summary>In the index folder itself: an exact scan or a saved HNSW graph.</summary>
    Embedded,

    /// <summary>In a Garnet cluster's vector sets, kept up to date from the folder after every indexing run.</summary>
    Garnet,
}
