using System.Net;
using System.Text.Json;

namespace Itm.Server.Tests.Fixtures;

/// <summary>Checks that a response is RFC 7807 problem JSON with the expected status, and returns its detail.</summary>
internal static class Problem
{
    public static async Task<string> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string? parameter = null)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        if (parameter is not null)
        {
            Assert.Equal(parameter, root.GetProperty("parameter").GetString());
        }

        return root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }
}
