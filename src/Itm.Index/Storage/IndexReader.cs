using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Vectors;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Storage;

/// <summary>
/// The query side of an index folder: a read-only snapshot of the catalog, the committed rows of each vector file
/// (memory-mapped), and a search structure per collection: the copy in a scale-out backend (<see cref="IMirrorSource"/>)
/// when the folder is bound to one, the backend is given and the copy is current; else the saved HNSW graph when the collection is large and the graph is current; otherwise an exact
/// scan. Never writes, so it can run while an indexer does.
/// </summary>
public sealed class IndexReader : IDisposable
{
    private readonly IndexCatalog catalog;
    private readonly VectorIndexOptions options;
    private readonly IMirrorReader? mirror;
    private readonly Dictionary<VectorCollection, OpenedCollection> opened = [];

    private IndexReader(string folder, IndexCatalog catalog, CatalogState state, VectorIndexOptions options, IMirrorSource? mirror)
    {
        Folder = folder;
        this.catalog = catalog;
        this.options = options;
        State = state;
        this.mirror = mirror?.OpenReader(folder, catalog, state.Identity);
    }

    public string Folder { get; }

    public CatalogState State { get; }

    public IndexIdentity Identity => State.Identity;

    /// <param name="mirror">
    /// The scale-out backend a folder may be bound to (Itm.Index.Garnet's); null: the folder answers every query itself.
    /// </param>
    public static IndexReader Open(string folder, VectorIndexOptions? options = null, IMirrorSource? mirror = null)
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

            return new IndexReader(full, catalog, catalog.ReadState(), options ?? new VectorIndexOptions(), mirror);
        }
        catch (SqliteException e) when (CatalogDamage.Is(e))
        {
            catalog.Dispose();
            throw CatalogDamage.Exception(catalogPath, e);
        }
        catch (SqliteException e) when (CatalogDamage.IsForeign(e))
        {
            catalog.Dispose();
            throw CatalogDamage.ForeignException(catalogPath, e);
        }
        catch
        {
            catalog.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How many indexing runs have finished on the index at <paramref name="folder"/> (<see cref="CatalogState.FinishedRuns"/>),
    /// read from its catalog alone: cheap enough to poll. A run's last commit raises it, so a change means a whole run to open.
    /// </summary>
    public static long FinishedRuns(string folder)
    {
        string catalogPath = IndexFiles.Catalog(Path.GetFullPath(folder));
        if (!File.Exists(catalogPath))
        {
            throw new IndexFolderException($"{Path.GetFullPath(folder)} is not an itm index ({IndexFiles.CatalogFile} is missing).");
        }

        using var catalog = IndexCatalog.Open(catalogPath, readOnly: true);
        try
        {
            return catalog.IsInitialised ? catalog.ReadState().FinishedRuns : 0;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // A catalog the first run is creating: no run has finished yet.
            return 0;
        }
        catch (SqliteException e) when (CatalogDamage.Is(e))
        {
            throw CatalogDamage.Exception(catalogPath, e);
        }
    }

    /// <summary>
    /// Maps both collections' vector files and opens a saved graph now, rather than on first use: a later run may delete
    /// those files (compaction) or replace them (a new graph), and a reader that holds them open keeps answering from its
    /// snapshot. (A backend copy is still reached on first search.)
    /// </summary>
    public void OpenFiles()
    {
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            var files = Opened(collection);
            if (mirror is null)
            {
                _ = files.Index.Value;
            }
        }
    }

    /// <summary>Readable images (with a vector).</summary>
    public long ImageCount => Opened(VectorCollection.Images).Live.LiveCount;

    public long CaptionCount => Opened(VectorCollection.Captions).Live.LiveCount;

    /// <summary>The structure that answers image queries.</summary>
    public VectorIndexKind ImageSearchKind => Opened(VectorCollection.Images).Index.Value.Kind;

    /// <summary>Whether the index is bound to a scale-out backend whose copy answers its searches when whole.</summary>
    public bool IsMirrored => mirror is not null;

    /// <param name="excludeId">An image to leave out of the results (the query image itself).</param>
    public IReadOnlyList<ImageHit> SearchImages(ReadOnlySpan<float> query, int k, long? excludeId = null)
    {
        var index = Opened(VectorCollection.Images).Index.Value;
        var hits = index.Search(query, excludeId is null ? k : k + 1);
        return hits
            .Select(hit => new ImageHit(catalog.ImageByRow(hit.Row) ?? throw Inconsistent("image", hit.Row), hit.Score))
            .Where(hit => hit.Image.Id != excludeId)
            .Take(k)
            .ToList();
    }

    public IReadOnlyList<CaptionHit> SearchCaptions(ReadOnlySpan<float> query, int k)
    {
        var index = Opened(VectorCollection.Captions).Index.Value;
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

    /// <summary>The words <c>itm index --ocr</c> read inside these images; images never read are absent.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> WordsOf(IEnumerable<long> imageIds) => catalog.Words(imageIds);

    /// <summary>Readable images whose read words include any of <paramref name="words"/>.</summary>
    public IReadOnlyList<CatalogImage> ImagesWithAnyWord(IReadOnlyList<string> words) => catalog.ImagesWithAnyWord(words);

    /// <summary>Every image in the catalog, readable or not, ordered by path.</summary>
    public IReadOnlyList<CatalogImage> Images() => catalog.Images();

    /// <summary>Every caption of the annotation corpus, ordered by id.</summary>
    public IReadOnlyList<CatalogCaption> Captions() => catalog.Captions();

    /// <summary>The stored vector of a caption.</summary>
    public float[] VectorOf(CatalogCaption caption) => Opened(VectorCollection.Captions).Rows.RowArray(caption.VectorRow);

    /// <summary>The stored vector of an indexed, readable image.</summary>
    public float[] VectorOf(CatalogImage image)
    {
        if (image.VectorRow is not long row)
        {
            throw new IndexFolderException($"{image.Path} is in the index but could not be read when indexed: {image.Error}", IndexProblem.Missing);
        }

        return Opened(VectorCollection.Images).Rows.RowArray(row);
    }

    /// <summary>
    /// The image collection as a whole (its mapped rows, which are live, its search structure), valid while the reader
    /// is open: for passes over every image, such as finding duplicates, that would be slow one catalog lookup at a time.
    /// </summary>
    public CollectionView ImageCollection()
    {
        var collection = Opened(VectorCollection.Images);
        return new CollectionView(collection.Rows, collection.Live, collection.Index.Value);
    }

    public void Dispose()
    {
        foreach (var (rows, _, index) in opened.Values)
        {
            if (index.IsValueCreated)
            {
                index.Value.Dispose();
            }

            rows.Dispose();
        }

        opened.Clear();
        mirror?.Dispose();
        catalog.Dispose();
    }

    /// <summary>
    /// A collection's rows (mapped now) and search structure (opened on first search: reading a stored vector needs
    /// neither a graph nor a backend connection). A failure to open is not remembered: a backend node back up is used again.
    /// </summary>
    private OpenedCollection Opened(VectorCollection collection)
    {
        if (opened.TryGetValue(collection, out var done))
        {
            return done;
        }

        var state = State[collection];
        string path = IndexFiles.Vectors(Folder, collection, state.Generation);
        VectorRows rows;
        try
        {
            rows = VectorRows.MapCommitted(path, state.Rows, Identity.Dimension);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            throw new IndexFolderException($"{e.Message} Rebuild the index with `itm index ... --reembed`.", IndexProblem.Damaged, e);
        }

        try
        {
            CheckEnds(collection, path, rows);
            var filter = RowFilter.Only(rows.Rows, LiveRows(collection, rows.Rows));
            var result = new OpenedCollection(rows, filter, new Lazy<IVectorIndex>(() => OpenIndex(collection, state, rows, filter), LazyThreadSafetyMode.PublicationOnly));
            opened[collection] = result;
            return result;
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The catalog is read lazily here, after <see cref="Open"/>: its damage is told the same way, and so is a row
    /// outside the vector file's committed rows (RowFilter takes the rows as given).
    /// </summary>
    private IReadOnlyList<long> LiveRows(VectorCollection collection, long committedRows)
    {
        try
        {
            var live = catalog.LiveRows(collection);   // ascending
            if (live.Count > 0 && (live[0] < 0 || live[^1] >= committedRows))
            {
                long row = live[0] < 0 ? live[0] : live[^1];
                throw catalog.Damaged(
                    $"its {collection.StoredName()} table points at vector row {row}, but the vector file holds {committedRows} committed rows");
            }

            return live;
        }
        catch (SqliteException e) when (CatalogDamage.Is(e))
        {
            throw CatalogDamage.Exception(catalog.Path, e);
        }
        catch (SqliteException e) when (CatalogDamage.IsForeign(e))
        {
            throw CatalogDamage.ForeignException(catalog.Path, e);
        }
    }

    private IVectorIndex OpenIndex(VectorCollection collection, CollectionState state, VectorRows rows, RowFilter filter)
    {
        if (mirror?.Open(collection, state, filter, rows) is { } mirrored)
        {
            return mirrored;
        }

        string graph = IndexFiles.Graph(Folder, collection);
        bool graphIsCurrent = state.HasCurrentGraph && File.Exists(graph);
        if (graphIsCurrent && state.GraphBytes is long bytes && new FileInfo(graph).Length != bytes)
        {
            throw IndexDamage.Exception($"{graph} is {new FileInfo(graph).Length} bytes long, but was {bytes} when saved: it was damaged or replaced.");
        }

        return options.Resolve(filter.LiveCount) switch
        {
            VectorIndexKind.Hnsw when graphIsCurrent => HnswIndex.Open(graph, options, rows),
            // Asked for a graph that is missing or stale (a run was interrupted): build one in memory.
            VectorIndexKind.Hnsw when options.Kind == VectorIndexKind.Hnsw => HnswIndex.Build(rows, filter, options),
            // Large but without a current graph: the scan is slower but exact; the next index run saves a graph.
            _ => new ExactIndex(rows, filter),
        };
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

    private sealed record OpenedCollection(VectorRows Rows, RowFilter Live, Lazy<IVectorIndex> Index);

    private IndexFolderException Inconsistent(string what, long row) => new(
        $"The catalog of {Folder} has no {what} for vector row {row}: the index is damaged. Rebuild it with `itm index ... --reembed`.",
        IndexProblem.Damaged);
}
