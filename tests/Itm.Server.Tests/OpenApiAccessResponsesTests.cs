using System.Text.Json;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// The OpenAPI description tells clients about the access checks: 429 with Retry-After on every rate-limited route,
/// 401 on every route the API key guards, 503 with Retry-After wherever the bound on requests in flight applies, and none
/// of them where it can't happen.
/// </summary>
[Collection("Sequential")]
public sealed class OpenApiAccessResponsesTests
{
    private readonly ServedIndex served;

    public OpenApiAccessResponsesTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task With_a_key_every_guarded_route_lists_401_and_every_limited_route_429()
    {
        var operations = await OperationsAsync(served.Options with { ApiKey = "k3y", Limits = served.Options.Limits with { RateLimit = 20 } });

        Assert.True(operations.Count >= 12, $"{operations.Count} operations");
        foreach (var (name, responses) in operations)
        {
            bool health = name.EndsWith("/api/health", StringComparison.Ordinal);
            Assert.Equal(!health, responses.ContainsKey("401"));
            Assert.Equal(!health, responses.ContainsKey("429"));
            if (!health)
            {
                Assert.True(responses["429"].GetProperty("headers").TryGetProperty("Retry-After", out _), name);
                Assert.True(responses["429"].GetProperty("content").TryGetProperty("application/problem+json", out _), name);
                Assert.True(responses["401"].GetProperty("headers").TryGetProperty("WWW-Authenticate", out _), name);
            }
        }
    }

    [Fact]
    public async Task Without_a_key_or_limits_neither_is_listed_except_where_the_expensive_limit_applies()
    {
        var open = await OperationsAsync(served.Options with { ApiKey = null, Limits = served.Options.Limits with { RateLimit = 0, ExpensiveRateLimit = 2 } });

        Assert.All(open.Values, responses => Assert.False(responses.ContainsKey("401")));
        var limited = open.Where(o => o.Value.ContainsKey("429")).Select(o => o.Key).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["GET /api/duplicates", "GET /api/explain", "GET /api/explain.png", "POST /api/annotate", "POST /api/search", "POST /api/similar"],
            limited);
    }

    [Fact]
    public async Task Every_route_but_health_and_stats_lists_503_with_retry_after_when_requests_in_flight_are_bounded()
    {
        var bounded = await OperationsAsync(served.Options with { Limits = served.Options.Limits with { MaxInFlight = 8 } });
        var unbounded = await OperationsAsync(served.Options with { Limits = served.Options.Limits with { MaxInFlight = 0 } });

        foreach (var (name, responses) in bounded)
        {
            bool status = name.EndsWith("/api/health", StringComparison.Ordinal) || name.EndsWith("/api/stats", StringComparison.Ordinal);
            Assert.Equal(!status, responses.ContainsKey("503"));
            if (!status)
            {
                Assert.True(responses["503"].GetProperty("headers").TryGetProperty("Retry-After", out _), name);
            }
        }

        Assert.All(unbounded.Values, responses => Assert.False(responses.ContainsKey("503")));
    }

    /// <summary>Each operation ("GET /api/search") with its responses by status code.</summary>
    private static async Task<Dictionary<string, Dictionary<string, JsonElement>>> OperationsAsync(ServerOptions options)
    {
        using var factory = new ItmServerFactory(options);
        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var operations = new Dictionary<string, Dictionary<string, JsonElement>>();
        foreach (var path in json.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = operation.Value.GetProperty("responses").EnumerateObject()
                    .ToDictionary(r => r.Name, r => r.Value.Clone());
            }
        }

        return operations;
    }
}
