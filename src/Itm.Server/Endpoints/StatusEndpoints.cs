using Itm.Server.Admission;
using Itm.Server.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Itm.Server.Endpoints;

/// <summary>
/// <c>GET /api/health</c> and <c>GET /api/stats</c>: whether the index answers, and what it holds. Health is open to
/// monitors: no rate limit, no API key. Neither is refused when the server is full (503): they say how it is.
/// </summary>
internal static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/health", Health)
            .WithName("Health")
            .WithSummary("ok once the index is open and readable, with the generation of the snapshot that answers.")
            .DisableRateLimiting()
            .AlwaysAdmitted();
        api.MapGet("/stats", Stats)
            .WithName("Stats")
            .WithSummary("Counts, model, vector dimension, search structure and request limits.")
            .AlwaysAdmitted();
    }

    private static Ok<HealthResponse> Health(IndexQueries queries)
    {
        var (images, generation) = queries.Run(service => (service.ImageCount, service.FinishedRuns));
        return TypedResults.Ok(new HealthResponse("ok", images, generation));
    }

    private static Ok<StatsResponse> Stats(IndexQueries queries, ServerOptions options)
    {
        var stats = queries.Run(service => service.Stats());
        var limits = options.Limits;
        return TypedResults.Ok(new StatsResponse(
            stats.Images,
            stats.Captions,
            stats.Dimension,
            new ModelInfo(stats.TextModel, stats.ImageModel, Path.GetFileName(Path.TrimEndingDirectorySeparator(stats.ModelDir))),
            stats.ImageSearch.ToString().ToLowerInvariant(),
            new LimitsInfo(limits.MaxQueryLength, limits.DefaultK, limits.MaxK, limits.MaxUploadBytes, limits.MaxExplainGrid),
            stats.ImageCentring.ToString().ToLowerInvariant()));
    }
}
