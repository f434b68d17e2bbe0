using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>Health, stats, the OpenAPI description, the embedded page, and what an unknown route gets.</summary>
[Collection("Sequential")]
public sealed class StatusAndPageTests
{
    private readonly ServedIndex served;

    public StatusAndPageTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task Health_is_ok_with_the_image_count()
    {
        var health = await served.Client().GetFromJsonAsync<HealthResponse>("/api/health");

        Assert.Equal(new HealthResponse("ok", served.Folder.ReadableImages.Count, Generation: 1), health);
    }

    [Fact]
    public async Task Stats_name_the_counts_model_dimension_search_and_limits()
    {
        var stats = await served.Client().GetFromJsonAsync<StatsResponse>("/api/stats");

        Assert.NotNull(stats);
        Assert.Equal(served.Folder.ReadableImages.Count, stats.Images);
        Assert.Equal(8, stats.Captions);
        Assert.Equal(16, stats.Dimension);
        Assert.Equal(new ModelInfo("bow", "convnet", "model"), stats.Model);
        Assert.Equal("exact", stats.Search);
        Assert.Equal("none", stats.Centring);   // a trained model's index
        Assert.Equal(ServedIndex.UploadLimit, stats.Limits.MaxUploadBytes);
        Assert.Equal(1_000, stats.Limits.MaxQueryLength);
    }

    [Fact]
    public async Task The_openapi_description_lists_every_route()
    {
        using var json = JsonDocument.Parse(await served.Client().GetStringAsync("/openapi/v1.json"));

        string[] expected =
        [
            "/api/search", "/api/annotate/{id}", "/api/annotate", "/api/similar/{id}", "/api/similar", "/api/explain", "/api/explain.png", "/api/duplicates",
            "/api/images/{id}", "/api/images/{id}/thumbnail", "/api/health", "/api/stats",
        ];
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name);
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
        Assert.Equal("itm", json.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task The_page_is_served_from_the_assembly(string url, string contentType)
    {
        var response = await served.Client().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task An_unknown_route_is_404_problem_json()
    {
        var response = await served.Client().GetAsync("/api/nothing-here");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
