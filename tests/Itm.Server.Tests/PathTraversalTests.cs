using System.Net;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// No URL reaches a file the index doesn't list: dot segments, encoded dots and slashes, absolute paths and ids that
/// aren't ids all end in a refusal, and none of them returns the secret file that sits next to the images folder.
/// </summary>
[Collection("Sequential")]
public sealed class PathTraversalTests
{
    private readonly ServedIndex served;

    public PathTraversalTests(ServedIndex served)
    {
        this.served = served;
    }

    [Theory]
    [InlineData("/api/images/../secret.txt")]
    [InlineData("/api/images/../../secret.txt")]
    [InlineData("/api/images/..%2Fsecret.txt")]
    [InlineData("/api/images/..%2F..%2Fsecret.txt")]
    [InlineData("/api/images/%2e%2e%2fsecret.txt")]
    [InlineData("/api/images/%2E%2E/%2E%2E/secret.txt")]
    [InlineData("/api/images/%252e%252e%252fsecret.txt")]
    [InlineData("/api/images/..%5Csecret.txt")]
    [InlineData("/api/images/1/..%2F..%2Fsecret.txt")]
    [InlineData("/api/images/1/thumbnail/..%2F..%2F..%2Fsecret.txt")]
    [InlineData("/api/images/%2Fetc%2Fpasswd")]
    [InlineData("/api/images//etc/passwd")]
    [InlineData("/api/images/SECRET_PATH")]
    [InlineData("/api/images/SECRET_PATH/thumbnail")]
    [InlineData("/api/images/secret.txt")]
    [InlineData("/api/images/1e3")]
    [InlineData("/api/images/0x1")]
    [InlineData("/api/images/99999999999999999999999")]
    [InlineData("/api/annotate/..%2Fsecret.txt")]
    [InlineData("/api/similar/%2e%2e")]
    [InlineData("/..%2Fsecret.txt")]
    [InlineData("/%2e%2e/%2e%2e/secret.txt")]
    [InlineData("/SECRET_PATH")]
    public async Task Paths_in_urls_never_reach_the_file_system(string url)
    {
        url = url.Replace("SECRET_PATH", Uri.EscapeDataString(served.SecretPath), StringComparison.Ordinal);

        var response = await served.Client().SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ServedIndex.Secret, body);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
            $"{url} answered {(int)response.StatusCode}: {body}");
    }

    [Fact]
    public async Task A_path_in_the_query_string_is_ignored()
    {
        long id = served.IdOf("shapes/red-square.png");

        var response = await served.Client().GetAsync($"/api/images/{id}?path={Uri.EscapeDataString(served.SecretPath)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }
}
