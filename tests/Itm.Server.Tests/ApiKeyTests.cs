using System.Net;
using System.Net.Http.Headers;
using Itm.Server.Access;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// With an API key set, every /api route but /api/health answers 401 problem JSON with WWW-Authenticate unless the
/// request carries the key (X-Api-Key, Authorization: Bearer, or the page's cookie); the page itself stays open.
/// </summary>
[Collection("Sequential")]
public sealed class ApiKeyTests : IDisposable
{
    private const string Key = "k3y-for/tests;%41";
    private readonly ServedIndex served;
    private readonly ItmServerFactory factory;

    public ApiKeyTests(ServedIndex served)
    {
        this.served = served;
        factory = new ItmServerFactory(served.Options with { ApiKey = Key });
    }

    [Theory]
    [InlineData("/api/stats")]
    [InlineData("/api/search?q=a+red+square")]
    [InlineData("/api/images/1")]
    [InlineData("/api/images/1/thumbnail")]
    [InlineData("/api/annotate/1")]
    [InlineData("/api/similar/1")]
    [InlineData("/api/explain?image=1&q=red")]
    [InlineData("/api/no-such-route")]
    [InlineData("/API/stats")]
    public async Task Api_routes_refuse_a_request_without_the_key(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("X-Api-Key", "wrong")]
    [InlineData("X-Api-Key", "k3y-for/tests;%4")]
    [InlineData("X-Api-Key", Key + "x")]
    [InlineData("Authorization", "Bearer wrong")]
    [InlineData("Authorization", "Basic " + Key)]
    [InlineData("Authorization", Key)]
    public async Task A_wrong_key_is_refused(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await factory.CreateClient().SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_key_in_either_header_or_the_page_cookie_is_let_in()
    {
        var client = factory.CreateClient();
        var withHeader = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        withHeader.Headers.Add(ApiKeyCheck.Header, Key);
        var withBearer = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        withBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var withCookie = new HttpRequestMessage(HttpMethod.Get, $"/api/images/{served.IdOf("shapes/red-square.png")}/thumbnail");
        withCookie.Headers.Add("Cookie", $"{ApiKeyCheck.Cookie}={Uri.EscapeDataString(Key)}");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withBearer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie)).StatusCode);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/")]
    [InlineData("/app.js")]
    public async Task Health_and_the_page_need_no_key(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_set_nothing_is_asked()
    {
        var response = await served.Client().GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void The_comparison_hashes_both_keys_and_compares_in_constant_time()
    {
        // Timing can't be asserted reliably; what is asserted is that only the exact key matches, whatever its length.
        var check = new ApiKeyCheck(Key);

        Assert.True(check.Matches(Key));
        Assert.False(check.Matches(null));
        Assert.False(check.Matches(""));
        Assert.False(check.Matches(Key[..^1]));
        Assert.False(check.Matches(Key + Key));
        Assert.False(check.Matches(Key.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\tkey")]
    [InlineData("clé")]
    public void A_key_that_cannot_be_sent_in_a_header_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => (served.Options with { ApiKey = key }).Validate());
    }

    public void Dispose() => factory.Dispose();
}
