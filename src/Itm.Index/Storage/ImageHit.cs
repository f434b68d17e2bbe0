using Itm.Index.Catalog;

namespace Itm.Index.Storage;

/// <summary>An indexed image found by a query, with its cosine to the query.</summary>
public sealed record ImageHit(CatalogImage Image, float Score);

/// <summary>A caption found by a query, with its cosine to the query.</summary>
public sealed record CaptionHit(CatalogCaption Caption, float Score);
