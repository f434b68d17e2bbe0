using System.Net;
using Itm.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Http;

namespace Itm.Server.Tests;

/// <summary>
/// Behind a reverse proxy the clients are told apart by the X-Forwarded-For the proxy writes, but only when the
/// connection comes from a proxy the server was told to trust: anyone else's header is ignored, and so is whatever a
/// client wrote into the header before the trusted proxy appended to it.
/// </summary>
[Collection("Sequential")]
public sealed class TrustedProxyTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.9");
    private static readonly IPAddress Stranger = IPAddress.Parse("10.0.0.50");
    private readonly ServedIndex served;

    public TrustedProxyTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task Clients_behind_a_trusted_proxy_each_get_their_own_limit()
    {
        using var factory = Serve(new IPNetwork(Proxy, 32));
        await SpendBurstAsync(factory, Proxy, "203.0.113.1");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusAsync(factory, Proxy, "203.0.113.1"));
        Assert.Equal(StatusCodes.Status200OK, await StatusAsync(factory, Proxy, "203.0.113.2"));
    }

    [Fact]
    public async Task The_header_from_a_peer_that_is_not_a_trusted_proxy_is_ignored()
    {
        using var factory = Serve(new IPNetwork(Proxy, 32));
        await SpendBurstAsync(factory, Stranger, "203.0.113.1");

        // A new name in the header does not give the stranger a new bucket.
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusAsync(factory, Stranger, "203.0.113.77"));
        Assert.Equal(StatusCodes.Status200OK, await StatusAsync(factory, Proxy, "203.0.113.1"));
    }

    [Fact]
    public async Task What_a_client_writes_before_the_trusted_proxy_appends_is_not_believed()
    {
        // Two proxies in a chain (a network and one address), and a client that sends its own X-Forwarded-For.
        using var factory = Serve(new IPNetwork(IPAddress.Parse("192.168.1.0"), 24), new IPNetwork(Proxy, 32));
        await SpendBurstAsync(factory, Proxy, "1.1.1.1, 203.0.113.5, 192.168.1.4");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusAsync(factory, Proxy, "8.8.8.8, 203.0.113.5, 192.168.1.4"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusAsync(factory, Proxy, "203.0.113.5"));
        Assert.Equal(StatusCodes.Status200OK, await StatusAsync(factory, Proxy, "203.0.113.6, 192.168.1.4"));
    }

    [Fact]
    public async Task Without_trusted_proxies_the_header_is_never_used()
    {
        using var factory = Serve();
        await SpendBurstAsync(factory, Proxy, "203.0.113.1");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusAsync(factory, Proxy, "203.0.113.2"));
    }

    [Fact]
    public async Task A_garbled_header_from_a_trusted_proxy_counts_against_the_proxy()
    {
        using var factory = Serve(new IPNetwork(Proxy, 32));
        await SpendBurstAsync(factory, Proxy, "not-an-address");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusAsync(factory, Proxy, null));
        Assert.Equal(StatusCodes.Status200OK, await StatusAsync(factory, Proxy, "203.0.113.1"));
    }

    private ItmServerFactory Serve(params IPNetwork[] proxies) => new(served.Options with
    {
        Limits = served.Options.Limits with { RateLimit = 1, ExpensiveRateLimit = 0 },
        TrustedProxies = proxies,
    });

    private static async Task SpendBurstAsync(ItmServerFactory factory, IPAddress peer, string forwardedFor)
    {
        for (int i = 0; i < ServerLimits.BurstSeconds; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, await StatusAsync(factory, peer, forwardedFor));
        }
    }

    private static async Task<int> StatusAsync(ItmServerFactory factory, IPAddress peer, string? forwardedFor)
    {
        var context = await factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/api/stats";
            context.Connection.RemoteIpAddress = peer;
            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
        return context.Response.StatusCode;
    }
}
