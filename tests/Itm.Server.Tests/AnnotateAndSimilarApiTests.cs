using System.Net;
using System.Net.Http.Json;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Server.Tests;

/// <summary>Annotate and similar, by id and by upload, answer as the query service does.</summary>
[Collection("Sequential")]
public sealed class AnnotateAndSimilarApiTests
{
    private readonly ServedIndex served;

    public AnnotateAndSimilarApiTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task Annotating_an_indexed_image_ranks_captions_as_the_query_service_does()
    {
        long id = served.IdOf("shapes/green-circle.png");
        var expected = served.Queries.Annotate(ImageReference.Indexed(id), 3);

        var answer = await served.Client().GetFromJsonAsync<CaptionsResponse>($"/api/annotate/{id}?k=3");

        Assert.Equal($"#{id}", answer!.Query);
        Assert.Equal(expected.Select(m => (m.Rank, m.Id, m.Text)), answer.Results.Select(r => (r.Rank, r.Id, r.Caption)));
        Assert.All(answer.Results.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5f));
    }

    [Fact]
    public async Task Similar_to_an_indexed_image_puts_its_copy_first_and_leaves_it_out()
    {
        long id = served.IdOf(TinyImages.Original);

        var answer = await served.Client().GetFromJsonAsync<ImagesResponse>($"/api/similar/{id}?k=4");

        Assert.Equal(4, answer!.Results.Count);
        Assert.Equal(TinyImages.Copy, answer.Results[0].Path);
        Assert.Equal(1f, answer.Results[0].Score, 1e-4f);
        Assert.DoesNotContain(answer.Results, r => r.Id == id);
    }

    [Fact]
    public async Task An_uploaded_image_is_annotated_and_finds_its_indexed_twin()
    {
        byte[] blueSquare = File.ReadAllBytes(Path.Combine(served.Folder.Images, "shapes/blue-square.png"));
        var client = served.Client();
        var expected = served.Queries.Annotate(ImageReference.File(Path.Combine(served.Folder.Images, "shapes/blue-square.png")), 2);

        var annotate = await client.PostAsync("/api/annotate?k=2", Uploads.Image(blueSquare, "mine.png"));
        var similar = await client.PostAsync("/api/similar?k=3", Uploads.Image(blueSquare, "mine.png"));

        var captions = await annotate.Content.ReadFromJsonAsync<CaptionsResponse>();
        Assert.Equal("mine.png", captions!.Query);
        Assert.Equal(expected.Select(m => m.Text), captions.Results.Select(r => r.Caption));
        var images = await similar.Content.ReadFromJsonAsync<ImagesResponse>();
        Assert.Equal("shapes/blue-square.png", images!.Results[0].Path);
        Assert.Equal(1f, images.Results[0].Score, 1e-4f);
    }

    [Fact]
    public async Task An_uploaded_svg_is_read_by_decoding_it()
    {
        byte[] svg = """<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="12" fill="red"/></svg>"""u8.ToArray();

        var response = await served.Client().PostAsync("/api/similar?k=1", Uploads.Image(svg, "drawing", contentType: "application/octet-stream"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/annotate/987654")]
    [InlineData("/api/similar/987654")]
    [InlineData("/api/annotate/-1")]
    public async Task An_id_that_is_not_in_the_index_is_404(string url)
    {
        var response = await served.Client().GetAsync(url);

        string detail = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "id");
        Assert.Contains(url.Split('/')[^1], detail);
    }

    [Fact]
    public async Task An_image_that_could_not_be_indexed_is_422()
    {
        long id = served.IdOf(TinyImages.Broken);

        var response = await served.Client().GetAsync($"/api/annotate/{id}");

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "id");
    }

    [Fact]
    public async Task Upload_k_out_of_range_is_refused_before_the_upload_is_read()
    {
        var response = await served.Client().PostAsync("/api/annotate?k=1000", Uploads.Image(TinyImages.Draw(SKColors.Red, circle: true), "a.png"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "k");
    }
}
