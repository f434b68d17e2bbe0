using System.Text.Json;
using Itm.Search.Queries;

namespace Itm.Search.Tests.Queries;

/// <summary>The --json output is a contract: these field names and types are what scripts read.</summary>
public sealed class MatchesJsonTests
{
    [Fact]
    public void Image_results_have_the_documented_fields()
    {
        string json = MatchesJson.Images(QueryKind.Similar, "cat.png", "/tmp/db", [new ImageMatch(1, 0.5f, 7, "/images/a/cat.png", "a/cat.png")]);

        using var document = JsonDocument.Parse(json);
        var top = document.RootElement;
        Assert.Equal(["version", "command", "query", "index", "results"], top.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, top.GetProperty("version").GetInt32());
        Assert.Equal("similar", top.GetProperty("command").GetString());
        Assert.Equal("cat.png", top.GetProperty("query").GetString());
        var result = top.GetProperty("results")[0];
        Assert.Equal(["rank", "score", "id", "path", "relativePath"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.5, result.GetProperty("score").GetDouble());
        Assert.Equal(7, result.GetProperty("id").GetInt64());
        Assert.Equal("a/cat.png", result.GetProperty("relativePath").GetString());
    }

    [Fact]
    public void A_calibrated_search_adds_the_probability_and_the_minimum_precision()
    {
        string json = MatchesJson.Images(QueryKind.Search, "a cat", "/tmp/db", [new ImageMatch(1, 0.5f, 7, "/images/a/cat.png", "a/cat.png", 0.875)], minPrecision: 0.8);

        using var document = JsonDocument.Parse(json);
        var top = document.RootElement;
        Assert.Equal(["version", "command", "query", "index", "minPrecision", "results"], top.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.8, top.GetProperty("minPrecision").GetDouble());
        var result = top.GetProperty("results")[0];
        Assert.Equal(["rank", "score", "id", "path", "relativePath", "probability"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.875, result.GetProperty("probability").GetDouble());
    }

    [Fact]
    public void Caption_results_have_the_documented_fields()
    {
        string json = MatchesJson.Captions("cat.png", "/tmp/db", [new CaptionMatch(1, 0.25f, 3, "a \"quoted\" cat")]);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("annotate", document.RootElement.GetProperty("command").GetString());
        var result = document.RootElement.GetProperty("results")[0];
        Assert.Equal(["rank", "score", "id", "caption"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a \"quoted\" cat", result.GetProperty("caption").GetString());
    }
}
