namespace Itm.Data.Ranking;

/// <summary>
/// One row found by a search: its row number (in an index's vector file, or in the searched matrix) and its score (dot
/// product, the cosine for unit vectors).
/// </summary>
public readonly record struct VectorHit(long Row, float Score);
