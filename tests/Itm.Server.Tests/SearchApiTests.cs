using System.Net;
using System.Net.Http.Json;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary><c>GET /api/search</c> answers as the query service does, and refuses queries and k out of range.</summary>
[Collection("Sequential")]
public sealed class SearchApiTests
{
    private readonly ServedIndex served;

    public SearchApiTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task Search_returns_the_query_services_ranking_with_urls_instead_of_paths()
    {
        var expected = served.Queries.Search("a red square", 5);

        var answer = await served.Client().GetFromJsonAsync<ImagesResponse>("/api/search?q=a%20red%20square&k=5");

        Assert.NotNull(answer);
        Assert.Equal("a red square", answer.Query);
        Assert.Equal(expected.Select(m => (m.Rank, m.Id, m.RelativePath)), answer.Results.Select(r => (r.Rank, r.Id, r.Path)));
        Assert.All(answer.Results.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5f));
        Assert.All(answer.Results, r => Assert.Equal($"/api/images/{r.Id}/thumbnail", r.Thumbnail));
        Assert.All(answer.Results, r => Assert.Equal($"/api/images/{r.Id}", r.Url));
    }

    [Fact]
    public async Task Search_without_k_returns_the_default_number_of_results()
    {
        var answer = await served.Client().GetFromJsonAsync<ImagesResponse>("/api/search?q=a+circle");

        Assert.Equal(Math.Min(served.Options.Limits.DefaultK, served.Folder.ReadableImages.Count), answer!.Results.Count);
    }

    [Theory]
    [InlineData("/api/search", "q")]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=%20%20", "q")]
    [InlineData("/api/search?q=red&k=0", "k")]
    [InlineData("/api/search?q=red&k=-3", "k")]
    [InlineData("/api/search?q=red&k=101", "k")]
    public async Task Bad_parameters_are_refused_with_problem_json_naming_them(string url, string parameter)
    {
        var response = await served.Client().GetAsync(url);

        string detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, parameter);
        Assert.Contains(parameter, detail);
    }

    [Fact]
    public async Task A_k_that_is_not_a_number_is_refused_naming_k()
    {
        var response = await served.Client().GetAsync("/api/search?q=red&k=many");

        string detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("k", detail);
    }

    [Fact]
    public async Task A_query_over_the_length_limit_is_refused_and_one_at_it_is_answered()
    {
        int limit = served.Options.Limits.MaxQueryLength;
        var client = served.Client();

        var tooLong = await client.GetAsync($"/api/search?q={new string('a', limit + 1)}");
        var atLimit = await client.GetAsync($"/api/search?q={new string('a', limit)}&k=1");

        string detail = await Problem.AssertAsync(tooLong, HttpStatusCode.BadRequest, "q");
        Assert.Contains("1,000", detail);
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
    }
}
