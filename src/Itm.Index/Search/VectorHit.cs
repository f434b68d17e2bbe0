namespace Itm.Index.Search;

/// <summary>One row found by a search: its row number in the vector file and its score (dot product, the cosine for unit vectors).</summary>
public readonly record struct VectorHit(long Row, float Score);
