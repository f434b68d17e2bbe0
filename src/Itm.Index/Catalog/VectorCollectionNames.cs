namespace Itm.Index.Catalog;

/// <summary>The one name a collection goes by wherever it is stored: vector file names, catalog keys and tables, Garnet keys.</summary>
public static class VectorCollectionNames
{
    public static string StoredName(this VectorCollection collection) => collection == VectorCollection.Images ? "images" : "captions";
}
