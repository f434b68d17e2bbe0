using System.Net;
using System.Text;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Server.Tests;

/// <summary>Uploads are checked by size first, then by decoding: the name and the declared type decide nothing.</summary>
[Collection("Sequential")]
public sealed class UploadLimitTests
{
    private readonly ServedIndex served;

    public UploadLimitTests(ServedIndex served)
    {
        this.served = served;
    }

    [Theory]
    [InlineData("/api/annotate")]
    [InlineData("/api/similar")]
    public async Task An_upload_over_the_size_limit_is_413(string url)
    {
        byte[] big = new byte[ServedIndex.UploadLimit + 1];

        var response = await served.Client().PostAsync(url, Uploads.Image(big, "big.png"));

        string detail = await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "image");
        Assert.Contains("limit", detail);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_415_whatever_its_name()
    {
        var response = await served.Client().PostAsync("/api/annotate", Uploads.Image("just some text"u8.ToArray(), "photo.png"));

        string detail = await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "image");
        Assert.Contains("photo.png", detail);
    }

    [Fact]
    public async Task A_truncated_image_is_400()
    {
        byte[] png = TinyImages.Draw(SKColors.Blue, circle: false, size: 64);

        var response = await served.Client().PostAsync("/api/similar", Uploads.Image(png[..(png.Length / 2)], "cut.png"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "image");
    }

    [Fact]
    public async Task A_multipart_body_without_its_closing_boundary_is_400_not_500()
    {
        // The shape afl-fuzz found (fuzz/regressions/upload): the form reader's IOException used to answer 500.
        byte[] png = TinyImages.Draw(SKColors.Blue, circle: false, size: 8);
        byte[] head = Encoding.ASCII.GetBytes(
            "--b0\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n");
        var body = new ByteArrayContent([.. head, .. png, .. "\n--b0--"u8.ToArray()]);   // LF alone: no boundary line
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b0");

        var response = await served.Client().PostAsync("/api/annotate", body);

        string detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "image");
        Assert.Contains("closing boundary", detail);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_415()
    {
        var response = await served.Client().PostAsync("/api/annotate", new StringContent("{}", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "image");
    }

    [Fact]
    public async Task A_form_without_a_file_is_400()
    {
        var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };

        var response = await served.Client().PostAsync("/api/similar", form);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "image");
    }

    [Fact]
    public async Task An_empty_file_is_400()
    {
        var response = await served.Client().PostAsync("/api/annotate", Uploads.Image([], "empty.png"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "image");
    }
}
