using System.Net;
using System.Text.Json;
using Itm.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Http;

namespace Itm.Server.Tests;

/// <summary>
/// Each client (remote IP address) gets its own token bucket: over it, 429 problem JSON with Retry-After, and requests
/// pass again once it refills. A header can't pose as another client; the page's files and /api/health don't count;
/// uploads and explanations have a smaller bucket of their own.
/// </summary>
[Collection("Sequential")]
public sealed class RateLimitTests
{
    private static readonly IPAddress Alice = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress Bob = IPAddress.Parse("10.0.0.2");
    private readonly ServedIndex served;

    public RateLimitTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after_and_recovers_after_the_wait()
    {
        using var factory = Serve(rate: 1, expensive: 0);
        int burst = 1 * ServerLimits.BurstSeconds;

        for (int i = 0; i < burst; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync(factory, "/api/stats", Alice)).Response.StatusCode);
        }

        var refused = await GetAsync(factory, "/api/stats", Alice);
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.Equal("application/problem+json", refused.Response.ContentType?.Split(';')[0]);
        using (var problem = JsonDocument.Parse(await ReadAsync(refused)))
        {
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        }

        int retryAfter = int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 2);

        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(300));
        Assert.Equal(StatusCodes.Status200OK, (await GetAsync(factory, "/api/stats", Alice)).Response.StatusCode);
    }

    [Fact]
    public async Task Each_client_has_its_own_limit_and_a_forwarded_for_header_does_not_escape_it()
    {
        using var factory = Serve(rate: 1, expensive: 0);
        for (int i = 0; i < ServerLimits.BurstSeconds; i++)
        {
            await GetAsync(factory, "/api/stats", Alice);
        }

        var spoofed = await GetAsync(factory, "/api/stats", Alice, context =>
        {
            context.Request.Headers["X-Forwarded-For"] = Bob.ToString();
            context.Request.Headers["X-Real-IP"] = Bob.ToString();
            context.Request.Headers["Forwarded"] = $"for={Bob}";
        });
        var other = await GetAsync(factory, "/api/stats", Bob);

        Assert.Equal(StatusCodes.Status429TooManyRequests, spoofed.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, other.Response.StatusCode);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/")]
    [InlineData("/app.js")]
    public async Task The_page_and_health_are_not_limited(string path)
    {
        using var factory = Serve(rate: 1, expensive: 0);
        for (int i = 0; i < ServerLimits.BurstSeconds; i++)
        {
            await GetAsync(factory, "/api/stats", Alice);
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync(factory, path, Alice)).Response.StatusCode);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, (await GetAsync(factory, "/api/stats", Alice)).Response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/explain")]
    [InlineData("GET", "/api/explain.png")]
    [InlineData("POST", "/api/search?q=red")]
    [InlineData("POST", "/api/annotate")]
    [InlineData("POST", "/api/similar")]
    public async Task Uploads_and_explanations_have_a_stricter_limit_of_their_own(string method, string url)
    {
        // Bad requests (no image) are refused at once, but count: the limit is checked before the route runs.
        using var factory = Serve(rate: 0, expensive: 1);
        for (int i = 0; i < ServerLimits.ExpensiveBurstSeconds; i++)
        {
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, (await SendAsync(factory, method, url, Alice)).Response.StatusCode);
        }

        var refused = await SendAsync(factory, method, url, Alice);

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(refused.Response.Headers.RetryAfter));
        Assert.Equal(StatusCodes.Status200OK, (await GetAsync(factory, "/api/stats", Alice)).Response.StatusCode);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, (await SendAsync(factory, method, url, Bob)).Response.StatusCode);
    }

    [Fact]
    public void Rates_must_not_be_negative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerLimits { RateLimit = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerLimits { ExpensiveRateLimit = -1 }.Validate());
        new ServerLimits { RateLimit = 0, ExpensiveRateLimit = 0 }.Validate();
    }

    private ItmServerFactory Serve(int rate, int expensive) =>
        new(served.Options with { Limits = served.Options.Limits with { RateLimit = rate, ExpensiveRateLimit = expensive } });

    private static Task<HttpContext> GetAsync(ItmServerFactory factory, string path, IPAddress client, Action<HttpContext>? more = null) =>
        SendAsync(factory, "GET", path, client, more);

    /// <summary>A request as if from <paramref name="client"/>: the test server lets a test set the remote address.</summary>
    private static Task<HttpContext> SendAsync(ItmServerFactory factory, string method, string url, IPAddress client, Action<HttpContext>? more = null)
    {
        var target = new Uri("http://localhost" + url);
        return factory.Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = target.AbsolutePath;
            context.Request.QueryString = new QueryString(target.Query);
            context.Connection.RemoteIpAddress = client;
            more?.Invoke(context);
        });
    }

    private static async Task<string> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Response.Body);
        return await reader.ReadToEndAsync();
    }
}
