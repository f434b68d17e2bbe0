using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Server.Tests.Fixtures;

/// <summary>
/// The tiny indexed folder served in memory, a direct <see cref="QueryService"/> on the same index to compare answers
/// with, and a secret file beside the images folder that no URL may reach.
/// </summary>
public sealed class ServedIndex : IDisposable
{
    public const string Secret = "the secret next to the images folder";

    /// <summary>Small, so the size limit is tested without sending megabytes; every fixture image is far below it.</summary>
    public const long UploadLimit = 64 * 1024;

    public ServedIndex()
    {
        Folder = new IndexedFolder();
        SecretPath = Path.Combine(Folder.Root, "secret.txt");
        File.WriteAllText(SecretPath, Secret);
        Options = new ServerOptions
        {
            IndexDir = Folder.Db,
            CacheDir = Folder.Cache,
            // No rate limits: the tests share one client and make far more requests than a person would; RateLimitTests
            // and the browser test with a key turn them on.
            Limits = new ServerLimits { MaxUploadBytes = UploadLimit, RateLimit = 0, ExpensiveRateLimit = 0 },
        };
        Factory = new ItmServerFactory(Options);
        Queries = QueryService.Open(Folder.Db, new QueryOptions { CacheDir = Folder.Cache });
    }

    public IndexedFolder Folder { get; }

    public string SecretPath { get; }

    public ServerOptions Options { get; }

    public ItmServerFactory Factory { get; }

    /// <summary>The library's own answers on the served index.</summary>
    public QueryService Queries { get; }

    public HttpClient Client() => Factory.CreateClient();

    /// <summary>The id of an indexed image, by its path relative to the images folder.</summary>
    public long IdOf(string relativePath) => AllImages().First(image => image.RelativePath == relativePath).Id;

    /// <summary>Every image in the catalog (ids are small and dense in a fresh index).</summary>
    public IEnumerable<IndexedImage> AllImages() =>
        Enumerable.Range(1, 200).Select(id => Queries.FindImage(id)).OfType<IndexedImage>();

    public void Dispose()
    {
        Queries.Dispose();
        Factory.Dispose();
        Folder.Dispose();
    }
}
