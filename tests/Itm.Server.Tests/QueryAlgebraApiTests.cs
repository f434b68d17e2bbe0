using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// <c>/api/search</c> with query algebra and an image (an indexed one by id, or an upload) answers as the query
/// service does; a bad query is 400 problem JSON naming the token and its position.
/// </summary>
[Collection("Sequential")]
public sealed class QueryAlgebraApiTests
{
    private const string Algebra = "a red square -circle +2:\"a blue square\"";
    private readonly ServedIndex served;

    public QueryAlgebraApiTests(ServedIndex served)
    {
        this.served = served;
    }

    private int All => served.Folder.ReadableImages.Count;

    [Fact]
    public async Task Plus_minus_and_weights_rank_as_the_query_service_does()
    {
        var expected = served.Queries.Search(QueryExpression.Parse(Algebra), All);
        var plain = served.Queries.Search("a red square", All);

        var answer = await served.Client().GetFromJsonAsync<ImagesResponse>($"/api/search?q={Uri.EscapeDataString(Algebra)}&k={All}");

        Assert.Equal(Algebra, answer!.Query);
        AssertSame(expected, answer);
        Assert.NotEqual(plain.Select(m => m.Score), answer.Results.Select(r => r.Score));
    }

    [Fact]
    public async Task An_indexed_image_joins_the_query_and_is_left_out_of_its_results()
    {
        long id = served.IdOf(TinyImages.Original);
        var expected = served.Queries.Search(QueryExpression.Parse("circle -red", ImageReference.Indexed(id), 0.5), All);

        var answer = (await served.Client().GetFromJsonAsync<ImagesResponse>($"/api/search?q=circle+-red&image={id}&imageWeight=0.5&k={All}"))!;

        AssertSame(expected, answer);
        Assert.DoesNotContain(answer.Results, r => r.Id == id);
        Assert.Equal(All - 1, answer.Results.Count);
    }

    [Fact]
    public async Task An_uploaded_image_joins_the_query()
    {
        string blueSquare = Path.Combine(served.Folder.Images, "shapes/blue-square.png");
        string outside = Path.Combine(served.Folder.Root, "my-blue-square.png");
        File.Copy(blueSquare, outside, overwrite: true);
        var expected = served.Queries.Search(QueryExpression.Parse("-circle", ImageReference.File(outside), 2), All);

        var response = await served.Client().PostAsync($"/api/search?q=-circle&imageWeight=2&k={All}", Uploads.Image(File.ReadAllBytes(blueSquare), "mine.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<ImagesResponse>();
        Assert.Equal("-circle", answer!.Query);
        Assert.Equal(expected.Select(m => m.Id), answer.Results.Select(r => r.Id));
        Assert.All(answer.Results.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5f));
    }

    [Theory]
    [InlineData("beach +", "+", 7, "nothing after it")]
    [InlineData("cat 2,5:dog", "2,5", 5, "not a weight")]
    [InlineData("-people", "-people", 1, "only subtracts")]
    [InlineData("square +\"blue", "\"", 9, "never closed")]
    [InlineData("a red square -\"a red square\"", "-\"a red square\"", 14, "cancels out")]
    public async Task A_bad_query_is_refused_naming_the_token_and_its_position(string q, string token, int position, string problem)
    {
        var response = await served.Client().GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");

        string body = await response.Content.ReadAsStringAsync();
        string detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "q");
        Assert.Contains($"'{token}' at position {position}", detail);
        Assert.Contains(problem, detail);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(token, json.RootElement.GetProperty("token").GetString());
        Assert.Equal(position, json.RootElement.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task A_bad_query_with_an_upload_is_refused_naming_the_token()
    {
        var upload = Uploads.Image(File.ReadAllBytes(Path.Combine(served.Folder.Images, TinyImages.Original)), "a.png");

        var response = await served.Client().PostAsync("/api/search?q=red+%2B", upload);

        string detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "q");
        Assert.Contains("'+' at position 5", detail);
    }

    [Theory]
    [InlineData("/api/search?q=red&image=1&imageWeight=0", HttpStatusCode.BadRequest, "imageWeight")]
    [InlineData("/api/search?q=red&imageWeight=2", HttpStatusCode.BadRequest, "imageWeight")]
    [InlineData("/api/search?q=red&image=987654", HttpStatusCode.NotFound, "image")]
    public async Task A_bad_image_or_weight_is_refused_naming_the_parameter(string url, HttpStatusCode status, string parameter)
    {
        var response = await served.Client().GetAsync(url);

        string detail = await Problem.AssertAsync(response, status, parameter);
        Assert.Contains(parameter == "image" ? "987654" : "imageWeight", detail);
    }

    [Fact]
    public async Task An_image_that_could_not_be_indexed_is_422_naming_image()
    {
        var response = await served.Client().GetAsync($"/api/search?q=red&image={served.IdOf(TinyImages.Broken)}");

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "image");
    }

    private static void AssertSame(IReadOnlyList<ImageMatch> expected, ImagesResponse answer)
    {
        Rankings.AssertSameUpToTies([.. expected.Select(m => (m.Id, m.Score))], [.. answer.Results.Select(r => r.Id)]);
        Assert.Equal(expected.Select(m => m.Rank), answer.Results.Select(r => r.Rank));
        var paths = expected.ToDictionary(m => m.Id, m => m.RelativePath);
        Assert.All(answer.Results, r => Assert.Equal(paths[r.Id], r.Path));
        Assert.All(answer.Results.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5f));
    }
}
