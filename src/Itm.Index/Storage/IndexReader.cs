using Itm.Index.Catalog;
using Itm.Index.Search;
using Itm.Index.Vectors;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Storage;

/// <summary>
/// The query side of an index folder: a read-only snapshot of the catalog, the committed rows of each vector file
/// (memory-mapped), and a search structure per collection: the saved HNSW graph when the collection is large and the
/// graph is current, otherwise an exact scan. Never writes, so it can run while an indexer does.
/// </summary>
public sealed class IndexReader : IDisposable
{
    private readonly IndexCatalog catalog;
    private readonly VectorIndexOptions options;
    private readonly Dictionary<VectorCollection, (VectorRows Rows, IVectorIndex Index)> opened = [];

    private IndexReader(string folder, IndexCatalog catalog, CatalogState state, VectorIndexOptions options)
    {
        Folder = folder;
        this.catalog = catalog;
        this.options = options;
        State = state;
    }

    public string Folder { get; }

    public CatalogState State { get; }

    public IndexIdentity Identity => State.Identity;

    public static IndexReader Open(string folder, VectorIndexOptions? options = null)
    {
        string full = Path.GetFullPath(folder);
        string catalogPath = IndexFiles.Catalog(full);
        if (!File.Exists(catalogPath))
        {
            throw new IndexFolderException(
                $"{full} is not an itm index ({IndexFiles.CatalogFile} is missing). Build one with `itm index --model MODEL_DIR --images FOLDER --db {folder}`.");
        }

        var catalog = IndexCatalog.Open(catalogPath, readOnly: true);
        try
        {
            catalog.HoldSnapshot();
            if (!catalog.IsInitialised)
            {
                throw new IndexFolderException($"{full} holds an index that was never finished. Run `itm index ... --db {folder}` again.");
            }

            return new IndexReader(full, catalog, catalog.ReadState(), options ?? new VectorIndexOptions());
        }
        catch (SqliteException e) when (CatalogDamage.Is(e))
        {
            catalog.Dispose();
            throw CatalogDamage.Exception(catalogPath, e);
        }
        catch
        {
            catalog.Dispose();
            throw;
        }
    }

    /// <summary>Readable images (with a vector).</summary>
    public long ImageCount => Opened(VectorCollection.Images).Index.Count;

    public long CaptionCount => Opened(VectorCollection.Captions).Index.Count;

    /// <summary>The structure that answers image queries.</summary>
    public VectorIndexKind ImageSearchKind => Opened(VectorCollection.Images).Index.Kind;

    /// <param name="excludeId">An image to leave out of the results (the query image itself).</param>
    public IReadOnlyList<ImageHit> SearchImages(ReadOnlySpan<float> query, int k, long? excludeId = null)
    {
        var index = Opened(VectorCollection.Images).Index;
        var hits = index.Search(query, excludeId is null ? k : k + 1);
        return hits
            .Select(hit => new ImageHit(catalog.ImageByRow(hit.Row) ?? throw Inconsistent("image", hit.Row), hit.Score))
            .Where(hit => hit.Image.Id != excludeId)
            .Take(k)
            .ToList();
    }

    public IReadOnlyList<CaptionHit> SearchCaptions(ReadOnlySpan<float> query, int k)
    {
        var index = Opened(VectorCollection.Captions).Index;
        return index.Search(query, k)
            .Select(hit => new CaptionHit(catalog.CaptionByRow(hit.Row) ?? throw Inconsistent("caption", hit.Row), hit.Score))
            .ToList();
    }

    public CatalogImage? FindImage(long id) => catalog.ImageById(id);

    /// <summary>The catalog entry of a file under the indexed folder, or null (outside it, or not indexed).</summary>
    public CatalogImage? FindImage(string path)
    {
        string relative = Path.GetRelativePath(Identity.ImagesRoot, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : catalog.ImageByPath(relative.Replace(Path.DirectorySeparatorChar, '/'));
    }

    /// <summary>Absolute path of an indexed image.</summary>
    public string FullPathOf(CatalogImage image) => Path.Combine(Identity.ImagesRoot, image.Path);

    /// <summary>Every image in the catalog, readable or not, ordered by path.</summary>
    public IReadOnlyList<CatalogImage> Images() => catalog.Images();

    /// <summary>Every caption of the annotation corpus, ordered by id.</summary>
    public IReadOnlyList<CatalogCaption> Captions() => catalog.Captions();

    /// <summary>The stored vector of a caption, a view into the mapped vector file valid while the reader is open.</summary>
    public ReadOnlySpan<float> VectorOf(CatalogCaption caption) => Opened(VectorCollection.Captions).Rows[caption.VectorRow];

    /// <summary>The stored vector of an indexed, readable image.</summary>
    public float[] VectorOf(CatalogImage image)
    {
        if (image.VectorRow is not long row)
        {
            throw new IndexFolderException($"{image.Path} is in the index but could not be read when indexed: {image.Error}", IndexProblem.Missing);
        }

        return Opened(VectorCollection.Images).Rows[row].ToArray();
    }

    public void Dispose()
    {
        foreach (var (rows, index) in opened.Values)
        {
            index.Dispose();
            rows.Dispose();
        }

        opened.Clear();
        catalog.Dispose();
    }

    private (VectorRows Rows, IVectorIndex Index) Opened(VectorCollection collection)
    {
        if (opened.TryGetValue(collection, out var pair))
        {
            return pair;
        }

        var state = State[collection];
        string path = IndexFiles.Vectors(Folder, collection, state.Generation);
        VectorRows rows;
        try
        {
            rows = state.Rows == 0 && !File.Exists(path)
                ? VectorRows.FromArray([], Identity.Dimension)
                : VectorRows.Map(path, state.Rows);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            throw new IndexFolderException($"{e.Message} Rebuild the index with `itm index ... --reembed`.", IndexProblem.Damaged, e);
        }

        try
        {
            CheckEnds(collection, path, rows);
            var live = catalog.LiveRows(collection);
            var filter = RowFilter.Only(rows.Rows, live);
            string graph = IndexFiles.Graph(Folder, collection);
            bool graphIsCurrent = state.HasCurrentGraph && File.Exists(graph);
            if (graphIsCurrent && state.GraphBytes is long bytes && new FileInfo(graph).Length != bytes)
            {
                throw IndexDamage.Exception($"{graph} is {new FileInfo(graph).Length} bytes long, but was {bytes} when saved: it was damaged or replaced.");
            }

            IVectorIndex index = options.Resolve(live.Count) switch
            {
                VectorIndexKind.Hnsw when graphIsCurrent => HnswIndex.Open(graph, options, rows),
                // Asked for a graph that is missing or stale (a run was interrupted): build one in memory.
                VectorIndexKind.Hnsw when options.Kind == VectorIndexKind.Hnsw => HnswIndex.Build(rows, filter, options),
                // Large but without a current graph: the scan is slower but exact; the next index run saves a graph.
                _ => new ExactIndex(rows, filter),
            };
            opened[collection] = (rows, index);
            return (rows, index);
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>The first and last blocks' checksums: a cheap check on every open (the full one is <see cref="IndexVerifier"/>).</summary>
    private void CheckEnds(VectorCollection collection, string path, VectorRows rows)
    {
        if (State.ChecksumBlockBytes is not int blockBytes)
        {
            return;
        }

        var ends = VectorBlocks.Ends(rows.DataBytes, blockBytes).ToList();
        var damage = VectorBlocks.FindDamage(rows, path, blockBytes, ends, catalog.BlockHashes(collection, ends));
        if (damage.Count > 0)
        {
            throw IndexDamage.Exception(damage);
        }
    }

    private IndexFolderException Inconsistent(string what, long row) => new(
        $"The catalog of {Folder} has no {what} for vector row {row}: the index is damaged. Rebuild it with `itm index ... --reembed`.",
        IndexProblem.Damaged);
}
