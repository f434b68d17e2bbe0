namespace Itm.Search.Queries;

/// <summary>An image the index knows, as last seen by <c>itm index</c>.</summary>
/// <param name="Id">The image's id in the index.</param>
/// <param name="Path">Absolute path of the file: the index's images folder joined with <paramref name="RelativePath"/>.</param>
/// <param name="RelativePath">Path relative to the indexed folder, with '/'.</param>
/// <param name="Size">File size in bytes when indexed.</param>
/// <param name="MtimeTicks">Last write time (UTC ticks) when indexed.</param>
/// <param name="IsReadable">False when the file could not be decoded when indexed (it has no vector).</param>
public sealed record IndexedImage(long Id, string Path, string RelativePath, long Size, long MtimeTicks, bool IsReadable);
