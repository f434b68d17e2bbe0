using Itm.Index.Indexing;
using Itm.Search.Tests.Fixtures;

namespace Itm.Library.Tests.Fixtures;

/// <summary>
/// A tiny untrained model, a folder of tiny images, a caption list, and the index <see cref="ItmIndex.Build"/> made of
/// them: shared by the tests of one class. The model's rankings mean nothing; the tests check that the facade answers
/// exactly what the libraries underneath it answer.
/// </summary>
public sealed class LibraryFolder : IDisposable
{
    public LibraryFolder()
    {
        Root = Directory.CreateTempSubdirectory("itm-library-tests-").FullName;
        Images = Path.Combine(Root, "images");
        ReadableImages = TinyImages.Write(Images);
        ModelDir = TinyModel.Save(Path.Combine(Root, "model"), seed: 5);
        Captions = Path.Combine(Root, "captions.txt");
        File.WriteAllLines(Captions, [.. TinyModel.Sentences, "a green square", "nothing at all"]);
        Db = Path.Combine(Root, "db");
        Cache = Path.Combine(Root, "cache");
        Report = ItmIndex.Build(ModelDir, Images, Db, BuildOptions());
    }

    public string Root { get; }

    public string Images { get; }

    public IReadOnlyList<string> ReadableImages { get; }

    public string ModelDir { get; }

    public string Captions { get; }

    public string Db { get; }

    public string Cache { get; }

    /// <summary>What the first build reported.</summary>
    public IndexRunReport Report { get; }

    public IndexBuildOptions BuildOptions() => new()
    {
        CaptionsPath = Captions,
        CacheDir = Cache,
        Indexer = new IndexerOptions { BatchSize = 4 },
    };

    public string Image(string relative) => Path.Combine(Images, relative);

    public void Dispose()
    {
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
