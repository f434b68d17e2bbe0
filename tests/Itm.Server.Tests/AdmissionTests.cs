using System.Net;
using Itm.Server.Admission;
using Itm.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Itm.Server.Tests;

/// <summary>
/// The bound on requests in flight: with the server full, one more <c>/api</c> request is answered, after the refusal
/// delay, with 503, problem JSON and Retry-After, while health and stats still answer; once the request in flight is done, requests are
/// admitted again.
/// </summary>
[Collection("Sequential")]
public sealed class AdmissionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ServedIndex served;

    public AdmissionTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task A_full_server_answers_503_with_retry_after_and_recovers_when_the_request_in_flight_finishes()
    {
        await using var app = ItmServer.Create(served.Options with { Urls = "http://127.0.0.1:0", Limits = served.Options.Limits with { MaxInFlight = 1 } });
        await app.StartAsync();
        var admission = app.Services.GetRequiredService<InFlightLimit>();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        // The one place is taken by an upload whose body is held back until the test releases it.
        byte[] image = File.ReadAllBytes(Path.Combine(served.Folder.Images, "shapes/blue-square.png"));
        var form = Uploads.Image(image, "mine.png");
        var body = new HalfSentBody(await form.ReadAsByteArrayAsync(), form.Headers.ContentType!);
        var held = client.PostAsync("/api/annotate?k=2", body);
        await WaitUntilAsync(() => admission.InFlight == 1);

        long asked = System.Diagnostics.Stopwatch.GetTimestamp();
        var refused = await client.GetAsync("/api/search?q=a%20red%20square");
        var waited = System.Diagnostics.Stopwatch.GetElapsedTime(asked);
        await Problem.AssertAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.True(waited >= TimeSpan.FromMilliseconds(new ServerLimits().RefusalDelayMs - 5), $"the refusal came after {waited.TotalMilliseconds} ms, before the refusal delay");
        Assert.Equal(InFlightLimit.RetryAfterSeconds, (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats")).StatusCode);

        body.SendTheRest.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await held.WaitAsync(Patience)).StatusCode);
        await WaitUntilAsync(() => admission.InFlight == 0);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=a%20red%20square")).StatusCode);
    }

    [Fact]
    public async Task Without_a_bound_nothing_is_refused_and_no_limit_is_installed()
    {
        using var factory = new ItmServerFactory(served.Options with { Limits = served.Options.Limits with { MaxInFlight = 0 } });
        using var client = factory.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync("/api/search?q=red")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Null(factory.Services.GetService<InFlightLimit>());
    }

    [Fact]
    public void The_default_bound_is_well_above_the_benchmarks_connections()
    {
        // benchmarks/load drives 32 connections at once, and every one of them must be answered.
        Assert.InRange(new ServerLimits().MaxInFlight, 32 * 2, ServerLimits.MaxMaxInFlight);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerLimits { MaxInFlight = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerLimits { RefusalDelayMs = ServerLimits.MaxRefusalDelayMs + 1 }.Validate());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
