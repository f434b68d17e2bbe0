using System.Net;
using System.Net.Http.Json;
using Itm.Search.Duplicates;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary><c>GET /api/duplicates</c> answers what the query service answers, and a bad threshold is a 400 naming it.</summary>
[Collection("Sequential")]
public sealed class DuplicatesApiTests
{
    private readonly ServedIndex served;

    public DuplicatesApiTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task Duplicates_group_the_byte_for_byte_copy_with_its_original_as_the_query_service_does()
    {
        var expected = served.Queries.Duplicates(new DuplicateOptions { Threshold = 0.999f });

        var answer = await served.Client().GetFromJsonAsync<DuplicatesResponse>("/api/duplicates?threshold=0.999");

        Assert.Equal(0.999f, answer!.Threshold);
        Assert.Equal(expected.Images, answer.Images);
        Assert.Equal(expected.Redundant, answer.Redundant);
        Assert.Equal(
            expected.Groups.Select(g => g.Images.Select(i => (i.Id, i.RelativePath, i.Similarity)).ToList()),
            answer.Groups.Select(g => g.Images.Select(i => (i.Id, i.Path, i.Similarity)).ToList()));
        var pair = Assert.Single(answer.Groups, g => g.Images.Any(i => i.Path == TinyImages.Original));
        Assert.Contains(pair.Images, i => i.Path == TinyImages.Copy);
        Assert.Equal(pair.Images.Count, pair.Size);
        Assert.All(pair.Images, i => Assert.Equal($"/api/images/{i.Id}/thumbnail", i.Thumbnail));
    }

    [Fact]
    public async Task Without_a_threshold_the_default_applies()
    {
        var answer = await served.Client().GetFromJsonAsync<DuplicatesResponse>("/api/duplicates");

        Assert.Equal(new DuplicateOptions().Threshold, answer!.Threshold);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0.1")]
    [InlineData("abc")]
    public async Task A_bad_threshold_is_a_400_that_names_it_and_says_what_to_give(string threshold)
    {
        var response = await served.Client().GetAsync($"/api/duplicates?threshold={threshold}");

        string detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "threshold");
        Assert.Contains($"'{threshold}'", detail);
        Assert.Contains("from 0.5 to 1", detail);
    }
}
