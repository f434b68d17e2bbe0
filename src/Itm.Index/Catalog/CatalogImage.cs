namespace Itm.Index.Catalog;

/// <summary>
/// One image file under the indexed folder, as last seen: its path relative to the folder (with '/'), size and
/// modification time (what decides whether it changed), and its vector's row, or why it could not be read.
/// </summary>
public sealed record CatalogImage(long Id, string Path, long Size, long MtimeTicks, long? VectorRow, string? Error)
{
    public bool IsReadable => VectorRow is not null;
}
