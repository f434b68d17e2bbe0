using System.Net;
using Itm.Search.Tests.Fixtures;
using Itm.Search.Thumbnails;
using Itm.Server.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Server.Tests;

/// <summary>Originals and thumbnails of indexed images, reached by id only; thumbnails drawn once and then served from disk.</summary>
[Collection("Sequential")]
public sealed class ImageRouteTests
{
    private readonly ServedIndex served;

    public ImageRouteTests(ServedIndex served)
    {
        this.served = served;
    }

    private string ThumbnailFolder => Path.Combine(served.Folder.Db, ThumbnailCache.FolderName);

    [Fact]
    public async Task The_original_is_the_indexed_file_byte_for_byte_and_sandboxed()
    {
        long id = served.IdOf("shapes/red-circle.png");

        var response = await served.Client().GetAsync($"/api/images/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(served.Folder.Images, "shapes/red-circle.png")), await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_thumbnail_is_a_square_webp_of_the_whole_image()
    {
        long id = served.IdOf("more/green-circle-small.png");

        var response = await served.Client().GetAsync($"/api/images/{id}/thumbnail");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ThumbnailCache.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var codec = SKCodec.Create(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
        Assert.Equal((256, 256), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public async Task A_thumbnail_is_drawn_once_then_served_from_the_index_folder()
    {
        long id = served.IdOf("shapes/yellow-circle.png");
        var client = served.Client();

        var first = await client.GetAsync($"/api/images/{id}/thumbnail");
        string cached = Assert.Single(Directory.GetFiles(ThumbnailFolder, $"{id}-*.webp"));

        // Replace the cached file: if the second request drew the thumbnail again, it would not return these bytes.
        byte[] marker = TinyImages.Draw(SKColors.Black, circle: false);
        File.WriteAllBytes(cached, marker);
        var second = await client.GetAsync($"/api/images/{id}/thumbnail");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(marker, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal([cached], Directory.GetFiles(ThumbnailFolder, $"{id}-*.webp"));
    }

    [Fact]
    public async Task A_thumbnail_revalidates_with_its_etag()
    {
        long id = served.IdOf("shapes/black-square.png");
        var client = served.Client();
        var first = await client.GetAsync($"/api/images/{id}/thumbnail");

        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/images/{id}/thumbnail");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Contains("max-age", first.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task An_image_that_cannot_be_decoded_has_no_thumbnail_and_says_why()
    {
        long id = served.IdOf(TinyImages.Broken);

        var response = await served.Client().GetAsync($"/api/images/{id}/thumbnail");

        string detail = await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("broken.png", detail);
    }

    [Theory]
    [InlineData("/api/images/987654")]
    [InlineData("/api/images/987654/thumbnail")]
    [InlineData("/api/images/0")]
    public async Task An_unknown_id_is_404(string url)
    {
        var response = await served.Client().GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "id");
    }
}
