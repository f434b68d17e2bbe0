namespace Itm.Search.Duplicates;

/// <summary>An indexed image in a group of duplicates.</summary>
/// <param name="Id">The image's id in the index.</param>
/// <param name="Path">Absolute path of the image file.</param>
/// <param name="RelativePath">Path relative to the indexed folder, with '/'.</param>
/// <param name="Similarity">Cosine between the image's vector and the group representative's (1 for the representative).</param>
public sealed record DuplicateImage(long Id, string Path, string RelativePath, float Similarity);
