using System.Net.Http.Json;
using Itm.Server.Contracts;

namespace Itm.Server.Tests.Fixtures;

/// <summary>What the live-index tests share: a server that notices runs quickly, and waiting until it serves one.</summary>
internal static class LiveServing
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A poll every 200 ms, so a missed event costs a test little.</summary>
    public static LiveIndexOptions Fast { get; } = new() { Poll = TimeSpan.FromMilliseconds(200), Settle = TimeSpan.FromMilliseconds(20) };

    public static async Task<HealthResponse> Health(HttpClient client) => (await client.GetFromJsonAsync<HealthResponse>("/api/health"))!;

    /// <summary>Waits until the server answers from <paramref name="generation"/>.</summary>
    public static async Task Served(HttpClient client, long generation)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while ((await Health(client)).Generation != generation)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
