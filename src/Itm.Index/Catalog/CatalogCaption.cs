namespace Itm.Index.Catalog;

/// <summary>One sentence of the caption corpus that annotation ranks, with its vector's row.</summary>
public sealed record CatalogCaption(long Id, string Text, long VectorRow);
