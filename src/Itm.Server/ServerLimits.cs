using Itm.Search.Explanations;

namespace Itm.Server;

/// <summary>
/// What one request may ask for. Each limit is checked before any work is done and answered with its own status code
/// (400 for a query or k out of range, 413 for an upload too large, 429 for a client over its rate, 503 when the server
/// as a whole is full), so a client learns what to change.
/// </summary>
public sealed record ServerLimits
{
    /// <summary>Longest search sentence, in characters: captions are a sentence, and the text encoders read 32 tokens at most.</summary>
    public int MaxQueryLength { get; init; } = 1_000;

    /// <summary>The k a request gets when it names none.</summary>
    public int DefaultK { get; init; } = 10;

    /// <summary>Most results one request may ask for: a page of results, not a dump of the index.</summary>
    public int MaxK { get; init; } = 100;

    /// <summary>
    /// Finest heatmap an explanation may ask for, in cells per side: it costs the image channel (grid + 1)² runs
    /// (12: 169, about 4 s of ResNet18 on 2 cores).
    /// </summary>
    public int MaxExplainGrid { get; init; } = 12;

    /// <summary>Largest uploaded image file: a phone photo is a few megabytes.</summary>
    public long MaxUploadBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>
    /// Requests per second one client (one remote IP address) may make on average, to any route but the page's files
    /// and <c>/api/health</c>; 0 turns the limit off. A client may spend <see cref="BurstSeconds"/> of them at once
    /// (a page of thumbnails), then waits: 429 with Retry-After. Forwarded-for headers are not trusted, so behind a
    /// reverse proxy every client shares the proxy's limit.
    /// </summary>
    public int RateLimit { get; init; } = 20;

    /// <summary>
    /// Requests per second one client may make, on top of <see cref="RateLimit"/>, to the routes that cost seconds of
    /// model time: uploads (POST /api/search, /api/annotate, /api/similar) and explanations (/api/explain, /api/explain.png);
    /// 0 turns this limit off. A client may make <see cref="ExpensiveBurstSeconds"/> of them at once.
    /// </summary>
    public int ExpensiveRateLimit { get; init; } = 2;

    /// <summary>
    /// Most <c>/api</c> requests in the server at once, from all clients together; one more is answered 503 with
    /// Retry-After at once rather than queued (health and stats are always answered); 0 turns the bound off. Well above
    /// the cores' worth, so bursts wait in line for a reader or the text batch a little, yet low enough that an accepted
    /// request's wait stays bounded: 64 searches at a few ms each is a wait of tens of ms, not seconds.
    /// </summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>
    /// How long a refused request waits before its 503 is sent, in milliseconds; 0 answers at once. A client that
    /// retries the moment it is refused (ignoring Retry-After, as load generators and naive scripts do) otherwise
    /// turns the refusals into a flood that takes the cores from the admitted requests: on 2 cores, wrk re-sent 7,400
    /// refused requests a second and the admitted ones slowed to seconds. Delayed, each connection retries at most
    /// 1000 / delay times a second; the wait holds no thread.
    /// </summary>
    public int RefusalDelayMs { get; init; } = 100;

    /// <summary>Longest <see cref="RefusalDelayMs"/> taken: past a second, Retry-After already says to wait.</summary>
    public const int MaxRefusalDelayMs = 1000;

    /// <summary>Highest <see cref="MaxInFlight"/> taken.</summary>
    public const int MaxMaxInFlight = 100_000;

    /// <summary>How many seconds' worth of <see cref="RateLimit"/> a client may spend at once: 20/s lets the page load 200 thumbnails.</summary>
    public const int BurstSeconds = 10;

    /// <summary>How many seconds' worth of <see cref="ExpensiveRateLimit"/> a client may spend at once: the page asks for an explanation and its picture together.</summary>
    public const int ExpensiveBurstSeconds = 5;

    /// <summary>Highest rate either limit takes, so a burst still fits an int.</summary>
    public const int MaxRateLimit = 100_000;

    /// <summary>Room for the multipart boundaries and headers around the file.</summary>
    public long MaxRequestBytes => MaxUploadBytes + (64 * 1024);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueryLength, 1, nameof(MaxQueryLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxK, 1, nameof(MaxK));
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultK, 1, nameof(DefaultK));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DefaultK, MaxK, nameof(DefaultK));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUploadBytes, 1, nameof(MaxUploadBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExplainGrid, ExplainOptions.MinGrid, nameof(MaxExplainGrid));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxExplainGrid, ExplainOptions.MaxGrid, nameof(MaxExplainGrid));
        ArgumentOutOfRangeException.ThrowIfNegative(RateLimit, nameof(RateLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RateLimit, MaxRateLimit, nameof(RateLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(ExpensiveRateLimit, nameof(ExpensiveRateLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ExpensiveRateLimit, MaxRateLimit, nameof(ExpensiveRateLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxInFlight, nameof(MaxInFlight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxInFlight, MaxMaxInFlight, nameof(MaxInFlight));
        ArgumentOutOfRangeException.ThrowIfNegative(RefusalDelayMs, nameof(RefusalDelayMs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RefusalDelayMs, MaxRefusalDelayMs, nameof(RefusalDelayMs));
    }
}
