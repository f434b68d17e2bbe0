using System.Net;
using System.Net.Http.Json;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Server.Tests;

/// <summary><c>/api/explain</c> and <c>/api/explain.png</c> answer as the query service explains, and refuse bad requests as problem JSON.</summary>
[Collection("Sequential")]
public sealed class ExplainApiTests
{
    private readonly ServedIndex served;

    public ExplainApiTests(ServedIndex served)
    {
        this.served = served;
    }

    [Fact]
    public async Task The_json_holds_the_score_word_weights_heatmap_and_peak_the_query_service_computes()
    {
        long id = served.IdOf("shapes/red-square.png");
        var expected = served.Queries.Explain(ImageReference.Indexed(id), "a red square", new ExplainOptions { Grid = 5 });

        var answer = await served.Client().GetFromJsonAsync<ExplainResponse>($"/api/explain?image={id}&q=+a+red+square+&grid=5");

        Assert.Equal("a red square", answer!.Query);
        Assert.Equal(id, answer.Image);
        Assert.Equal("occlusion", answer.Method);
        Assert.Equal(expected.Score, answer.Score, 1e-5f);
        Assert.Equal(expected.Words.Select(w => w.Word), answer.Words.Select(w => w.Word));
        Assert.All(answer.Words.Zip(expected.Words), pair => Assert.Equal(pair.Second.Drop, pair.First.Drop, 1e-5f));
        Assert.Equal((5, 5, 25), (answer.Heatmap.Rows, answer.Heatmap.Cols, answer.Heatmap.Values.Length));
        Assert.Equal(expected.Heatmap.Values, answer.Heatmap.Values, (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(expected.Peak, answer.Peak);
        Assert.Equal($"/api/explain.png?image={id}&q=a%20red%20square&grid=5&fill=mean", answer.Overlay);
    }

    [Fact]
    public async Task The_overlay_is_a_png_and_the_json_named_its_url()
    {
        long id = served.IdOf("shapes/green-circle.png");
        var client = served.Client();
        var answer = await client.GetFromJsonAsync<ExplainResponse>($"/api/explain?image={id}&q=a+green+circle&fill=neutral");

        var response = await client.GetAsync(answer!.Overlay);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var png = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 320), (png.Width, png.Height));
    }

    [Fact]
    public async Task Grad_cam_is_asked_with_method_gradcam_and_its_overlay_url_keeps_the_method()
    {
        long id = served.IdOf("shapes/red-square.png");
        var expected = served.Queries.Explain(ImageReference.Indexed(id), "a red square", new ExplainOptions { Method = ExplainMethod.GradCam });
        var client = served.Client();

        var answer = await client.GetFromJsonAsync<ExplainResponse>($"/api/explain?image={id}&q=a+red+square&method=gradcam");

        Assert.Equal("gradcam", answer!.Method);
        Assert.Equal(expected.Score, answer.Score, 1e-5f);
        Assert.Equal((8, 8), (answer.Heatmap.Rows, answer.Heatmap.Cols));   // The tiny ConvNet's 16 pixels, over 2: its first block's maps.
        Assert.Equal(expected.Heatmap.Values, answer.Heatmap.Values, (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(expected.Peak, answer.Peak);
        Assert.Equal($"/api/explain.png?image={id}&q=a%20red%20square&method=gradcam", answer.Overlay);
        var png = await client.GetAsync(answer.Overlay);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);

        var layer = await client.GetFromJsonAsync<ExplainResponse>($"/api/explain?image={id}&q=a+red+square&method=gradcam&layer=2");
        Assert.Equal((4, 4), (layer!.Heatmap.Rows, layer.Heatmap.Cols));
        Assert.Equal($"/api/explain.png?image={id}&q=a%20red%20square&method=gradcam&layer=2", layer.Overlay);
    }

    [Fact]
    public async Task Grad_cam_at_a_layer_the_model_lacks_is_a_conflict_naming_the_layer()
    {
        long id = served.IdOf("shapes/red-square.png");

        var response = await served.Client().GetAsync($"/api/explain.png?image={id}&q=a+red+square&method=gradcam&layer=5");

        string detail = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "layer");
        Assert.Contains("convnet", detail);
    }

    [Theory]
    [InlineData("/api/explain?image=1&q=a+red+square&method=saliency", HttpStatusCode.BadRequest, "method")]
    [InlineData("/api/explain.png?image=1&q=a+red+square&method=saliency", HttpStatusCode.BadRequest, "method")]
    [InlineData("/api/explain?image=1&q=a+red+square&layer=1", HttpStatusCode.BadRequest, "layer")]
    [InlineData("/api/explain?image=1&q=a+red+square&method=gradcam&layer=-1", HttpStatusCode.BadRequest, "layer")]
    [InlineData("/api/explain?q=a+red+square", HttpStatusCode.BadRequest, "image")]
    [InlineData("/api/explain?image=1", HttpStatusCode.BadRequest, "q")]
    [InlineData("/api/explain?image=1&q=a+red+square&grid=1", HttpStatusCode.BadRequest, "grid")]
    [InlineData("/api/explain?image=1&q=a+red+square&grid=13", HttpStatusCode.BadRequest, "grid")]
    [InlineData("/api/explain?image=1&q=a+red+square&fill=black", HttpStatusCode.BadRequest, "fill")]
    [InlineData("/api/explain?image=9999&q=a+red+square", HttpStatusCode.NotFound, "image")]
    [InlineData("/api/explain.png?image=9999&q=a+red+square", HttpStatusCode.NotFound, "image")]
    public async Task A_bad_request_is_problem_json_naming_the_parameter(string url, HttpStatusCode status, string parameter)
    {
        var response = await served.Client().GetAsync(url);

        await Problem.AssertAsync(response, status, parameter);
    }
}
