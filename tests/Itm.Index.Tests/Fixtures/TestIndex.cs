using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;

namespace Itm.Index.Tests.Fixtures;

/// <summary>Opens index folders for tests with the fake model's identity, and runs the indexer on them.</summary>
internal static class TestIndex
{
    public static IndexIdentity Identity(string imagesRoot, string fingerprint = "fake-model-1", string modelDir = "/models/fake") =>
        new(fingerprint, modelDir, Path.GetFullPath(imagesRoot), FakeEmbedder.Dimension);

    public static IndexRunReport Run(string indexDir, string imagesRoot, FakeEmbedder embedder, IndexerOptions? options = null,
        Captions.CaptionCorpus? captions = null, CancellationToken cancellation = default)
    {
        using var folder = IndexFolder.Open(indexDir, Identity(imagesRoot), reembed: false);
        return new IncrementalIndexer(folder, embedder, embedder, options).Run(captions, null, cancellation);
    }

    /// <summary>Every indexed image by path, with its stored vector: what two equivalent indexes must agree on.</summary>
    public static IReadOnlyDictionary<string, (CatalogImage Image, float[]? Vector)> Contents(string indexDir)
    {
        using var reader = IndexReader.Open(indexDir);
        using var catalog = IndexCatalog.Open(IndexFiles.Catalog(indexDir), readOnly: true);
        return catalog.Images().ToDictionary(
            image => image.Path,
            image => (image, image.IsReadable ? reader.VectorOf(image) : null),
            StringComparer.Ordinal);
    }
}
