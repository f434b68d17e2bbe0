using Itm.Search.Thumbnails;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Itm.Server.Endpoints;

/// <summary>
/// <c>GET /api/images/{id}</c> (the original file) and <c>GET /api/images/{id}/thumbnail</c>. The id is looked up in
/// the index's catalog and only the file the catalog names is read: no part of the URL is ever used as a path, so
/// <c>../</c>, encoded dots, absolute paths and unknown ids all end in 404.
/// </summary>
internal static class ImageEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/images/{id:long}", Original)
            .WithName("ImageFile")
            .WithSummary("The original file of an indexed image.")
            .Produces(StatusCodes.Status200OK, null, "image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/images/{id:long}/thumbnail", Thumbnail)
            .WithName("ImageThumbnail")
            .WithSummary("A square WebP thumbnail of an indexed image, drawn on first request and cached in the index folder.")
            .Produces(StatusCodes.Status200OK, contentType: ThumbnailCache.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult Original(long id, IndexQueries queries, HttpResponse response)
    {
        var image = queries.Run(service => IndexedImages.FindOnDisk(service, id));
        string contentType = ContentTypes.TryGetContentType(image.Path, out var known) ? known : "application/octet-stream";

        // An SVG opened straight from this origin could run script: sandbox it, and never let the type be sniffed.
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(image.Path, contentType, lastModified: File.GetLastWriteTimeUtc(image.Path), enableRangeProcessing: true);
    }

    private static IResult Thumbnail(long id, IndexQueries queries, ThumbnailCache thumbnails, HttpResponse response)
    {
        var image = queries.Run(service => IndexedImages.FindOnDisk(service, id));

        // Drawn outside the query lock: decoding an image needs neither the model nor the catalog.
        string path = thumbnails.GetOrCreate(image);
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.PhysicalFile(path, ThumbnailCache.ContentType,
            lastModified: File.GetLastWriteTimeUtc(path),
            entityTag: new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(path)}\""));
    }
}
