namespace Itm.Index.Storage;

/// <summary>The points inside a commit where a crash is most interesting; tests inject failures there.</summary>
internal enum CommitPhase
{
    /// <summary>The batch's vectors are on disk; the catalog does not know them yet.</summary>
    VectorsSynced,

    /// <summary>The catalog rows are written inside the transaction, which is not committed yet.</summary>
    CatalogWritten,

    /// <summary>Compaction wrote the next generation's vector file; the catalog still points at the old one.</summary>
    CompactedFileWritten,
}
