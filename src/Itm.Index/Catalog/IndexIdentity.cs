namespace Itm.Index.Catalog;

/// <summary>
/// What an index's vectors are only valid for: the model that computed them (its fingerprint, and where it lives so
/// queries can load it), the folder the image paths are relative to, and the vector dimension.
/// </summary>
public sealed record IndexIdentity(string ModelFingerprint, string ModelDir, string ImagesRoot, int Dimension);
