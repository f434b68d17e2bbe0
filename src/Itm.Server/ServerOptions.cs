using Itm.Search.Thumbnails;

namespace Itm.Server;

/// <summary>What <c>itm serve</c> serves, where it listens, and the limits of one request.</summary>
public sealed record ServerOptions
{
    /// <summary>Loopback only: the API has no authentication, so reaching it from another machine is an explicit choice.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Index folder written by <c>itm index</c>.</summary>
    public required string IndexDir { get; init; }

    /// <summary>Where to listen, as Kestrel takes it: one or more URLs separated by ';' (port 0 picks a free port).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Image feature cache folder for uploaded images; null for the default.</summary>
    public string? CacheDir { get; init; }

    public ServerLimits Limits { get; init; } = new();

    public ThumbnailOptions Thumbnails { get; init; } = new();

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

        Limits.Validate();
        Thumbnails.Validate();
    }
}
