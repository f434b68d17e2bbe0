using Itm.Index.Indexing;

namespace Itm.Search.Tests.Fixtures;

/// <summary>
/// A tiny model, a folder of tiny images, a caption list, and the index <see cref="IndexJob"/> built from them:
/// shared by the query tests of one class (building it takes about a second). A subclass may build the index through
/// another entry point (the library's facade) from the same options.
/// </summary>
public class IndexedFolder : IDisposable
{
    public IndexedFolder()
        : this("itm-search-tests-", seed: 3, options => IndexJob.Run(options))
    {
    }

    protected IndexedFolder(string prefix, int seed, Func<IndexJobOptions, IndexRunReport> build)
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Images = Path.Combine(Root, "images");
        ReadableImages = TinyImages.Write(Images);
        ModelDir = TinyModel.Save(Path.Combine(Root, "model"), seed);
        Captions = Path.Combine(Root, "captions.txt");
        File.WriteAllLines(Captions, [.. TinyModel.Sentences, "a green square", "nothing at all"]);
        Db = Path.Combine(Root, "db");
        Cache = Path.Combine(Root, "cache");
        Report = build(Options());
    }

    public string Root { get; }

    public string Images { get; }

    public IReadOnlyList<string> ReadableImages { get; }

    public string ModelDir { get; }

    public string Captions { get; }

    public string Db { get; }

    public string Cache { get; }

    /// <summary>What the first indexing run reported.</summary>
    public IndexRunReport Report { get; }

    public IndexJobOptions Options() => new()
    {
        ModelDir = ModelDir,
        ImagesDir = Images,
        IndexDir = Db,
        CaptionsPath = Captions,
        CacheDir = Cache,
        Indexer = new IndexerOptions { BatchSize = 4 },
    };

    public string Image(string relative) => Path.Combine(Images, relative);

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
