using System.Globalization;
using Itm.Search.Queries;
using Itm.Server.Contracts;
using Itm.Server.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Itm.Server.Endpoints;

/// <summary>
/// The indexed images nearest to an image: <c>GET /api/similar/{id}</c> for an indexed image (itself left out),
/// <c>POST /api/similar</c> for an uploaded one.
/// </summary>
internal static class SimilarEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/similar/{id:long}", ById)
            .WithName("SimilarToIndexedImage")
            .WithSummary("The indexed images nearest to an indexed image (itself left out), best first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/similar", Upload)
            .WithName("SimilarToUpload")
            .WithSummary("The indexed images nearest to an uploaded image (multipart field 'image'), best first.")
            .AcceptsImageUpload();
    }

    private static Ok<ImagesResponse> ById(long id, int? k, IndexQueries queries, ServerOptions options)
    {
        int top = QueryChecks.K(k, options.Limits);
        var matches = queries.Run(service =>
        {
            IndexedImages.FindReadable(service, id);
            return service.Similar(ImageReference.Indexed(id), top);
        });
        return TypedResults.Ok(new ImagesResponse($"#{id.ToString(CultureInfo.InvariantCulture)}", [.. matches.Select(ImageResult.From)]));
    }

    private static async Task<Ok<ImagesResponse>> Upload(HttpRequest request, int? k, IndexQueries queries, ServerOptions options, CancellationToken cancellation)
    {
        int top = QueryChecks.K(k, options.Limits);
        using var upload = await UploadedImage.ReadAsync(request, options.Limits, cancellation);
        var matches = queries.Run(service => service.Similar(ImageReference.File(upload.Path), top));
        return TypedResults.Ok(new ImagesResponse(upload.Name, [.. matches.Select(ImageResult.From)]));
    }
}
