using System.Globalization;
using Itm.Search.Queries;
using Itm.Server.Contracts;
using Itm.Server.Problems;
using Itm.Server.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Itm.Server.Endpoints;

/// <summary>
/// The captions that best describe an image: <c>GET /api/annotate/{id}</c> for an indexed image (its stored vector,
/// no model run), <c>POST /api/annotate</c> for an uploaded one.
/// </summary>
internal static class AnnotateEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/annotate/{id:long}", ById)
            .WithName("AnnotateIndexedImage")
            .WithSummary("The index's captions that best describe an indexed image, best first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/annotate", Upload)
            .WithName("AnnotateUpload")
            .WithSummary("The index's captions that best describe an uploaded image (multipart field 'image'), best first.")
            .AcceptsImageUpload()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Ok<CaptionsResponse> ById(long id, int? k, IndexQueries queries, ServerOptions options)
    {
        int top = QueryChecks.K(k, options.Limits);
        var matches = queries.Run(service =>
        {
            IndexedImages.FindReadable(service, id);
            return Annotate(service, ImageReference.Indexed(id), top);
        });
        return TypedResults.Ok(new CaptionsResponse($"#{id.ToString(CultureInfo.InvariantCulture)}", [.. matches.Select(CaptionResult.From)]));
    }

    private static async Task<Ok<CaptionsResponse>> Upload(HttpRequest request, int? k, IndexQueries queries, ServerOptions options, CancellationToken cancellation)
    {
        int top = QueryChecks.K(k, options.Limits);
        using var upload = await UploadedImage.ReadAsync(request, options.Limits, cancellation);
        var matches = queries.Run(service => Annotate(service, ImageReference.File(upload.Path), top));
        return TypedResults.Ok(new CaptionsResponse(upload.Name, [.. matches.Select(CaptionResult.From)]));
    }

    private static IReadOnlyList<CaptionMatch> Annotate(QueryService service, ImageReference image, int k) =>
        service.CaptionCount > 0
            ? service.Annotate(image, k)
            : throw new ApiProblem(StatusCodes.Status409Conflict, "No captions",
                "The index has no captions to annotate with. Add some with `itm index ... --captions FILE` (a dataset, or one sentence per line).");
}
