using Itm.Search.Duplicates;
using Itm.Server.Access;
using Itm.Server.Contracts;
using Itm.Server.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Itm.Server.Endpoints;

/// <summary>The groups of duplicate images in the index: <c>GET /api/duplicates?threshold=T</c>.</summary>
internal static class DuplicatesEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/duplicates", Groups)
            .WithName("Duplicates")
            .WithSummary("Groups of exact and near-duplicate images (resized, re-encoded, cropped a little, recoloured), largest first, from the stored vectors.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireRateLimiting(ClientRateLimits.Expensive)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <param name="threshold">The cosine at or above which two images are duplicates (0.5 to 1; the CLI's default when absent).</param>
    private static Ok<DuplicatesResponse> Groups(string? threshold, IndexQueries queries, CancellationToken cancellation)
    {
        var options = new DuplicateOptions { Threshold = QueryChecks.Threshold(threshold) };
        var report = queries.Run(service => service.Duplicates(options, cancellation));
        return TypedResults.Ok(DuplicatesResponse.From(report));
    }
}
