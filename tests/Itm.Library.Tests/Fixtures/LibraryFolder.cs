using Itm.Index.Indexing;
using Itm.Search;
using Itm.Search.Tests.Fixtures;

namespace Itm.Library.Tests.Fixtures;

/// <summary>
/// The Search tests' tiny model, images and captions, indexed through <see cref="ItmIndex.Build"/>: shared by the tests
/// of one class. The model's rankings mean nothing; the tests check that the facade answers exactly what the libraries
/// underneath it answer.
/// </summary>
public sealed class LibraryFolder : IndexedFolder
{
    public LibraryFolder()
        : base("itm-library-tests-", seed: 5, Build)
    {
    }

    public IndexBuildOptions BuildOptions() => BuildOptions(Options());

    private static IndexRunReport Build(IndexJobOptions options) =>
        ItmIndex.Build(options.ModelDir!, options.ImagesDir, options.IndexDir, BuildOptions(options));

    private static IndexBuildOptions BuildOptions(IndexJobOptions options) => new()
    {
        CaptionsPath = options.CaptionsPath,
        CacheDir = options.CacheDir,
        Indexer = options.Indexer,
    };
}
