using Itm.Search.Explanations;

namespace Itm.Server;

/// <summary>
/// What one request may ask for. Each limit is checked before any work is done and answered with its own status code
/// (400 for a query or k out of range, 413 for an upload too large), so a client learns what to change.
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
    }
}
