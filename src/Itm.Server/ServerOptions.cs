using Itm.Index.Garnet;
using System.Net;
using Itm.Search.Queries;
using Itm.Search.Thumbnails;

namespace Itm.Server;

/// <summary>What <c>itm serve</c> serves, where it listens, and the limits of one request.</summary>
public sealed record ServerOptions
{
    /// <summary>Loopback only: reaching the server from another machine is an explicit choice (best made with <see cref="ApiKey"/>).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Index folder written by <c>itm index</c>.</summary>
    public required string IndexDir { get; init; }

    /// <summary>Where to listen, as Kestrel takes it: one or more URLs separated by ';' (port 0 picks a free port).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Image feature cache folder for uploaded images; null for the default.</summary>
    public string? CacheDir { get; init; }

    /// <summary>
    /// When set, every <c>/api</c> route but <c>/api/health</c> answers 401 unless the request carries this key, as
    /// <c>X-Api-Key: KEY</c> or <c>Authorization: Bearer KEY</c> (the page asks for it once and keeps it in a
    /// same-site session cookie). Null: no key, fine on loopback. Any route that changes the index must require it.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Reverse proxies (addresses or networks) whose <c>X-Forwarded-For</c> names the client for the rate limits. Only a
    /// connection from one of them is believed; empty (the default): the header is never trusted and every client behind
    /// a proxy shares the proxy's limit.
    /// </summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>
    /// How long stopping (Ctrl+C) waits for the requests in flight to finish before it cuts them off: long enough for
    /// the slowest request, an explanation at the finest grid. No new connection is accepted meanwhile.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ServerLimits Limits { get; init; } = new();

    public ThumbnailOptions Thumbnails { get; init; } = new();

    /// <summary>libtorch's threads in the server process (see <see cref="Search.Queries.QueryOptions.TorchThreads"/>).</summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>
    /// How many requests read the index at once, each with a reader of its own (see <see cref="QueryOptions.Readers"/>);
    /// more wait for one. One per core: index work is CPU-bound, and the readers' memory maps share their pages.
    /// </summary>
    public int Readers { get; init; } = Environment.ProcessorCount;

    /// <summary>Most readers taken: each holds a catalog connection and a search graph view.</summary>
    public const int MaxReaders = 256;

    /// <summary>Whether and how the server answers from each finished <c>itm index</c> run without a restart.</summary>
    public LiveIndexOptions Live { get; init; } = new();

    /// <summary>How queries arriving together are batched for the text encoder.</summary>
    public TextBatchOptions TextBatch { get; init; } = new();

    /// <summary>How much the query's words read inside an image (<c>itm index --ocr</c>) add to its score.</summary>
    public WordMatchOptions Words { get; init; } = new();

    /// <summary>The query service this server opens over <see cref="IndexDir"/>.</summary>
    public QueryOptions ToQueryOptions() => new()
    {
        CacheDir = CacheDir,
        Mirror = new GarnetIndexMirror(Garnet),
        TorchThreads = TorchThreads,
        Readers = Readers,
        TextBatch = TextBatch,
        Words = Words,
    };

    /// <summary>For an index bound to Garnet: nodes to reach it by instead of the recorded ones, and timeouts.</summary>
    public GarnetOptions Garnet { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(IndexDir, nameof(IndexDir));
        ArgumentException.ThrowIfNullOrWhiteSpace(Urls, nameof(Urls));
        foreach (string url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{url}' is not an http:// or https:// URL to listen on, e.g. {DefaultUrls}.", nameof(Urls));
            }
        }

        if (ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(c => c is <= ' ' or > '~')))
        {
            throw new ArgumentException("The API key must be printable ASCII without spaces, so it fits in a header.", nameof(ApiKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownTimeout, TimeSpan.Zero, nameof(ShutdownTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(Readers, 1, nameof(Readers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Readers, MaxReaders, nameof(Readers));
        TextBatch.Validate();
        Live.Validate();
        Limits.Validate();
        Thumbnails.Validate();
        Words.Validate();
    }
}
