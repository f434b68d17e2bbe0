using System.ComponentModel;
using Itm.Index.Garnet;
using System.Net;
using System.Net.Sockets;
using Itm.Search.Queries;
using Itm.Server;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm serve</c>.</summary>
public sealed class ServeSettings : CommandSettings
{
    [CommandOption("--db <INDEX_DIR>")]
    [Description("Index folder written by itm index.")]
    public string? Db { get; init; }

    [CommandOption("--urls <URLS>")]
    [Description("Where to listen, ';'-separated. Loopback by default; to listen on other addresses, set an API key too.")]
    [DefaultFrom(typeof(ServerOptions), "Urls")]
    public string Urls { get; init; } = ServerOptions.DefaultUrls;

    [CommandOption("--cache <DIR>")]
    [Description("Image feature cache folder for uploaded images (default: $ITM_CACHE or ~/.cache/itm).")]
    public string? Cache { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("Require this key (header X-Api-Key or Authorization: Bearer) on every /api route but /api/health; the page asks for it once. Default: $" + ApiKeyVariable + ", else none. The variable keeps it out of the process list.")]
    public string? ApiKey { get; init; }

    [CommandOption("--rate-limit <N>")]
    [Description("Requests per second each client (remote IP) may make, with bursts of 10 s' worth; over it: 429. 0 = no limit.")]
    [DefaultFrom(typeof(ServerLimits), "RateLimit")]
    public int RateLimit { get; init; } = new ServerLimits().RateLimit;

    [CommandOption("--expensive-rate-limit <N>")]
    [Description("Requests per second each client may make to uploads and explanations, with bursts of 5 s' worth. 0 = no limit.")]
    [DefaultFrom(typeof(ServerLimits), "ExpensiveRateLimit")]
    public int ExpensiveRateLimit { get; init; } = new ServerLimits().ExpensiveRateLimit;

    [CommandOption("--max-in-flight <N>")]
    [Description("Most /api requests in the server at once, from all clients; one more is answered 503 with Retry-After instead of waiting (health and stats are always answered). 0 = no bound.")]
    [DefaultFrom(typeof(ServerLimits), "MaxInFlight")]
    public int MaxInFlight { get; init; } = new ServerLimits().MaxInFlight;

    [CommandOption("--refusal-delay <MS>")]
    [Description("Milliseconds a request refused by --max-in-flight waits before its 503 is sent, so clients that retry at once cannot flood the server. 0 = answer at once.")]
    [DefaultFrom(typeof(ServerLimits), "RefusalDelayMs")]
    public int RefusalDelay { get; init; } = new ServerLimits().RefusalDelayMs;

    [CommandOption("--readers <N>")]
    [Description("How many requests read the index at once, each with a reader of its own; more wait for one. Default: one per core.")]
    public int? Readers { get; init; }

    [CommandOption("--batch-window <MS>")]
    [Description("Longest a search sentence waits for others to share one run of the text encoder, in milliseconds. 0 = no wait: only what queued while the encoder was busy is batched.")]
    [DefaultFrom(typeof(TextBatchOptions), "Window.TotalMilliseconds")]
    public double BatchWindow { get; init; } = new TextBatchOptions().Window.TotalMilliseconds;

    [CommandOption("--max-batch <N>")]
    [Description("Most sentences in one run of the text encoder.")]
    [DefaultFrom(typeof(TextBatchOptions), "MaxBatch")]
    public int MaxBatch { get; init; } = new TextBatchOptions().MaxBatch;

    [CommandOption("--trusted-proxy <ADDRESSES>")]
    [Description("Reverse proxies whose X-Forwarded-For names the client for the rate limits: addresses or networks, ','-separated (e.g. 127.0.0.1,10.0.0.0/8). Default: none, the header is never trusted.")]
    public string? TrustedProxy { get; init; }

    [CommandOption("--poll-seconds <SECONDS>")]
    [Description("How often the index's catalog is checked for a finished itm index run, besides watching its folder; each finished run is served without a restart (the live index). 0 = serve the index as it was at start-up until restarted.")]
    [DefaultFrom(typeof(LiveIndexOptions), "Poll.TotalSeconds")]
    public double PollSeconds { get; init; } = new LiveIndexOptions().Poll.TotalSeconds;

    [CommandOption("--word-weight <W>")]
    [Description(WordWeightOption.Description)]
    [DefaultFrom(typeof(WordMatchOptions), "Weight")]
    public float WordWeight { get; init; } = new WordMatchOptions().Weight;

    [CommandOption("--garnet <NODES>")]
    [Description(GarnetNodesOption.QueryDescription)]
    public string? Garnet { get; init; }

    /// <summary>Where the API key is read from when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "ITM_API_KEY";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Db) ? ValidationResult.Error("--db is required: the index folder written by itm index.")
        : string.IsNullOrWhiteSpace(Urls) ? ValidationResult.Error("--urls needs at least one URL, e.g. http://127.0.0.1:5000.")
        : RateLimit is < 0 or > ServerLimits.MaxRateLimit ? ValidationResult.Error($"--rate-limit must be 0 (no limit) to {ServerLimits.MaxRateLimit} requests per second, not {RateLimit}.")
        : ExpensiveRateLimit is < 0 or > ServerLimits.MaxRateLimit ? ValidationResult.Error($"--expensive-rate-limit must be 0 (no limit) to {ServerLimits.MaxRateLimit} requests per second, not {ExpensiveRateLimit}.")
        : MaxInFlight is < 0 or > ServerLimits.MaxMaxInFlight ? ValidationResult.Error($"--max-in-flight must be 0 (no bound) to {ServerLimits.MaxMaxInFlight} requests, not {MaxInFlight}.")
        : RefusalDelay is < 0 or > ServerLimits.MaxRefusalDelayMs ? ValidationResult.Error($"--refusal-delay must be 0 (answer at once) to {ServerLimits.MaxRefusalDelayMs} ms, not {RefusalDelay}.")
        : Readers is < 1 or > ServerOptions.MaxReaders ? ValidationResult.Error($"--readers must be 1 to {ServerOptions.MaxReaders}, not {Readers}.")
        : !(BatchWindow is >= 0 and <= TextBatchOptions.MaxWindowMilliseconds) ? ValidationResult.Error($"--batch-window must be 0 to {TextBatchOptions.MaxWindowMilliseconds} ms, not {BatchWindow}.")
        : !(PollSeconds is >= 0 and <= LiveIndexOptions.MaxPollSeconds) ? ValidationResult.Error($"--poll-seconds must be 0 (no live index) to {LiveIndexOptions.MaxPollSeconds}, not {PollSeconds}.")
        : WordWeightOption.Validate(WordWeight) is { Successful: false } wordWeight ? wordWeight
        : MaxBatch < 1 ? ValidationResult.Error($"--max-batch must be at least 1 sentence, not {MaxBatch}.")
        : TrustedProxy is not null && ParseProxies(TrustedProxy).Bad is string bad
            ? ValidationResult.Error($"--trusted-proxy takes IP addresses or networks (10.0.0.0/8), ','-separated; '{bad}' is neither.")
        : ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(c => c is <= ' ' or > '~')) ? ValidationResult.Error("--api-key must be printable ASCII without spaces (it is sent in a header).")
        : GarnetNodesOption.Validate(Garnet);

    public ServerOptions ToServerOptions()
    {
        var options = new ServerOptions
        {
            IndexDir = Db!,
            Urls = Urls,
            CacheDir = Cache,
            ApiKey = ApiKey ?? (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null),
            Limits = new ServerLimits { RateLimit = RateLimit, ExpensiveRateLimit = ExpensiveRateLimit, MaxInFlight = MaxInFlight, RefusalDelayMs = RefusalDelay },
            TextBatch = new TextBatchOptions { Window = TimeSpan.FromMilliseconds(BatchWindow), MaxBatch = MaxBatch },
            TrustedProxies = TrustedProxy is null ? [] : ParseProxies(TrustedProxy).Networks,
            Garnet = new GarnetOptions { Endpoints = GarnetNodesOption.Parse(Garnet) },
            Words = new WordMatchOptions { Weight = WordWeight },
            Live = PollSeconds == 0 ? new LiveIndexOptions { Enabled = false } : new LiveIndexOptions { Poll = TimeSpan.FromSeconds(PollSeconds) },
        };

        // Unset: the record's own default (one reader per core).
        return Readers is int readers ? options with { Readers = readers } : options;
    }

    /// <summary>Each entry as a network (a lone address is a network of one); the first entry that is neither, if any.</summary>
    private static (IReadOnlyList<IPNetwork> Networks, string? Bad) ParseProxies(string text)
    {
        var networks = new List<IPNetwork>();
        foreach (string entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                return (networks, entry);
            }
        }

        return networks.Count == 0 ? (networks, text) : (networks, null);
    }
}
