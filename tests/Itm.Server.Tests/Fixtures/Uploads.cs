using System.Net.Http.Headers;

namespace Itm.Server.Tests.Fixtures;

/// <summary>Multipart bodies as a browser's FormData sends them.</summary>
internal static class Uploads
{
    public static MultipartFormDataContent Image(byte[] bytes, string fileName, string field = "image", string contentType = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }
}
