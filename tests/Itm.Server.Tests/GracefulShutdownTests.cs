using System.Net;
using Itm.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Itm.Server.Tests;

/// <summary>
/// Stopping the server (Ctrl+C) lets a request in flight finish: an upload whose body is still arriving when the stop
/// begins is answered 200, and the stop completes after it. The wait is bounded by <see cref="ServerOptions.ShutdownTimeout"/>.
/// </summary>
[Collection("Sequential")]
public sealed class GracefulShutdownTests
{
    private readonly ServedIndex served;

    public GracefulShutdownTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task A_request_in_flight_when_the_server_stops_is_answered()
    {
        await using var app = ItmServer.Create(served.Options with { Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        byte[] image = File.ReadAllBytes(Path.Combine(served.Folder.Images, "shapes/blue-square.png"));
        // The boundary must be the same in the header and the bytes: take both from one multipart content.
        var form = Uploads.Image(image, "mine.png");
        var body = new HalfSentBody(await form.ReadAsByteArrayAsync(), form.Headers.ContentType!);
        var request = client.PostAsync("/api/annotate?k=2", body);
        await body.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        var stopping = app.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "The server stopped while a request was still arriving.");
        body.SendTheRest.SetResult();

        var response = await request.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_shutdown_timeout_is_the_hosts()
    {
        var options = served.Options with { ShutdownTimeout = TimeSpan.FromSeconds(42) };
        var services = new ServiceCollection().AddItmServer(options).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(30), new ServerOptions { IndexDir = "x" }.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(42), services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
