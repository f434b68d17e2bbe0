using Itm.Index;
using Itm.Index.Catalog;
using Itm.Index.Storage;
using Itm.Model.Persistence;

namespace Itm.Search.Queries;

/// <summary>
/// Answers queries on an index with the model it was built with (found through the index, loaded only when a query
/// needs something embedded): <see cref="Search"/> a sentence, <see cref="Annotate"/> an image with captions, find
/// images <see cref="Similar"/> to one. An indexed, unchanged image is not embedded again: its stored vector is used.
/// </summary>
public sealed class QueryService : IDisposable
{
    private readonly IndexReader index;
    private readonly ModelEmbedders model;

    private QueryService(IndexReader index, ModelEmbedders model)
    {
        this.index = index;
        this.model = model;
    }

    public IndexIdentity Identity => index.Identity;

    public long ImageCount => index.ImageCount;

    public long CaptionCount => index.CaptionCount;

    /// <summary>Whether a query so far has needed the model (a test of "indexed images are not embedded again").</summary>
    public bool ModelLoaded => model.IsLoaded;

    /// <summary>The index's counts, model and search structure. Reads the model's manifest, never its weights.</summary>
    public IndexStats Stats()
    {
        var identity = index.Identity;
        ModelManifest? manifest;
        try
        {
            manifest = ModelFolder.ReadManifest(identity.ModelDir);
        }
        catch (ModelFolderException)
        {
            // Stats still describe the index when its model folder has gone; queries that need the model say why.
            manifest = null;
        }

        return new IndexStats(
            index.ImageCount,
            index.CaptionCount,
            identity.Dimension,
            identity.ModelDir,
            manifest?.Joint.Text.DisplayName,
            manifest?.Joint.Image.Model.ToString().ToLowerInvariant(),
            index.ImageSearchKind);
    }

    /// <summary>The indexed image with this id, or null: how a caller reaches a file without ever naming a path.</summary>
    public IndexedImage? FindImage(long id) => index.FindImage(id) is { } image
        ? new IndexedImage(image.Id, index.FullPathOf(image), image.Path, image.Size, image.MtimeTicks, image.IsReadable)
        : null;

    public static QueryService Open(string indexDir, QueryOptions? options = null)
    {
        options ??= new QueryOptions();
        var reader = IndexReader.Open(indexDir, options.Search);
        var identity = reader.Identity;
        return new QueryService(reader, new ModelEmbedders(identity.ModelDir, options.CacheDir, identity.ModelFingerprint, reader.Folder));
    }

    /// <summary>The <paramref name="k"/> images that best match a sentence.</summary>
    public IReadOnlyList<ImageMatch> Search(string sentence, int k)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sentence);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return ToMatches(index.SearchImages(model.Embed([sentence]), k));
    }

    /// <summary>The <paramref name="k"/> captions of the index's corpus that best describe an image.</summary>
    public IReadOnlyList<CaptionMatch> Annotate(ImageReference image, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (index.CaptionCount == 0)
        {
            throw new IndexFolderException(
                $"The index {index.Folder} has no captions to annotate with. Add some: `itm index ... --db {index.Folder} --captions FILE` " +
                "(a dataset, or a text file with one sentence per line).",
                IndexProblem.Missing);
        }

        var (vector, _) = VectorOf(image);
        return index.SearchCaptions(vector, k)
            .Select((hit, i) => new CaptionMatch(i + 1, hit.Score, hit.Caption.Id, hit.Caption.Text))
            .ToList();
    }

    /// <summary>The <paramref name="k"/> indexed images nearest to an image (itself left out when it is indexed).</summary>
    public IReadOnlyList<ImageMatch> Similar(ImageReference image, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var (vector, indexed) = VectorOf(image);
        return ToMatches(index.SearchImages(vector, k, excludeId: indexed?.Id));
    }

    public void Dispose()
    {
        model.Dispose();
        index.Dispose();
    }

    private (float[] Vector, CatalogImage? Indexed) VectorOf(ImageReference image)
    {
        if (image.Id is long id)
        {
            var byId = index.FindImage(id) ?? throw new IndexFolderException(
                $"The index {index.Folder} has no image with id {id}. Ids are listed by `itm search --json`; or give a file path.",
                IndexProblem.Missing);
            return (index.VectorOf(byId), byId);
        }

        string path = image.Path!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The image {path} does not exist. Give an image file, or the id of an indexed image.", path);
        }

        var indexed = index.FindImage(path);
        if (indexed is { IsReadable: true } && IsUnchanged(indexed, path))
        {
            return (index.VectorOf(indexed), indexed);
        }

        // Not indexed, or edited since: embed the file as it is now.
        return (model.EmbedImage(path), indexed);
    }

    private static bool IsUnchanged(CatalogImage indexed, string path)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length == indexed.Size && file.LastWriteTimeUtc.Ticks == indexed.MtimeTicks;
    }

    private List<ImageMatch> ToMatches(IReadOnlyList<ImageHit> hits) => hits
        .Select((hit, i) => new ImageMatch(i + 1, hit.Score, hit.Image.Id, index.FullPathOf(hit.Image), hit.Image.Path))
        .ToList();
}
