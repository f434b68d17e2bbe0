namespace Itm.Index.Catalog;

/// <summary>The two sets of vectors an index holds, each in its own vector file.</summary>
public enum VectorCollection
{
    Images,
    Captions,
}
