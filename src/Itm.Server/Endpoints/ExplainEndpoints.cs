using Itm.Search.Explanations;
using Itm.Search.Queries;
using Itm.Server.Access;
using Itm.Server.Contracts;
using Itm.Server.Problems;
using Itm.Server.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Itm.Server.Endpoints;

/// <summary>
/// Why an indexed image matches a sentence: <c>GET /api/explain?image=ID&amp;q=…</c> (score, word weights, heatmap,
/// peak) and <c>GET /api/explain.png?image=ID&amp;q=…</c> (the heatmap drawn over the image), by occlusion or, with
/// <c>method=gradcam</c>, Grad-CAM (409 when the index's image model has no maps for it). The page asks for both;
/// the last few explanations are kept, so that costs one computation.
/// </summary>
internal static class ExplainEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/explain", Explain)
            .WithName("Explain")
            .WithSummary("Why an indexed image matches a sentence: each word's weight and a heatmap of the regions that drive the score.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireRateLimiting(ClientRateLimits.Expensive)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/explain.png", Overlay)
            .WithName("ExplainOverlay")
            .WithSummary("The heatmap of an explanation drawn over the image as the model saw it, its peak outlined (PNG).")
            .Produces(StatusCodes.Status200OK, contentType: OverlayRenderer.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireRateLimiting(ClientRateLimits.Expensive)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <param name="image">The id of the indexed image.</param>
    /// <param name="grid">Heatmap cells per side (default 7; (grid + 1)² occluded images are embedded).</param>
    /// <param name="fill">What the patch is painted with: mean (the image's mean colour, the default) or neutral.</param>
    /// <param name="method">occlusion (the default; any image model) or gradcam (convnet and resnet18tune models).</param>
    /// <param name="layer">Grad-CAM's maps, counted back from the last (0); default: the deepest at least 7 cells per side.</param>
    private static Ok<ExplainResponse> Explain(
        string? q, long? image, int? grid, string? fill, string? method, int? layer, IndexQueries queries, RecentExplanations recent, ServerOptions options)
    {
        var (id, settings, explanation) = Run(q, image, grid, fill, method, layer, queries, recent, options);
        return TypedResults.Ok(ExplainResponse.From(id, explanation, settings));
    }

    private static FileContentHttpResult Overlay(
        string? q, long? image, int? grid, string? fill, string? method, int? layer, IndexQueries queries, RecentExplanations recent, ServerOptions options)
    {
        var (_, _, explanation) = Run(q, image, grid, fill, method, layer, queries, recent, options);
        return TypedResults.File(OverlayRenderer.RenderPng(explanation), OverlayRenderer.ContentType);
    }

    private static (long Id, ExplainOptions Settings, Explanation Explanation) Run(
        string? q, long? image, int? grid, string? fill, string? method, int? layer, IndexQueries queries, RecentExplanations recent, ServerOptions options)
    {
        string sentence = QueryChecks.Sentence(q, options.Limits);
        long id = image ?? throw ApiProblem.InvalidParameter("image", "Give the id of the indexed image to explain: image=ID (ids come from /api/search).");
        var how = QueryChecks.Method(method);
        var settings = new ExplainOptions
        {
            Method = how,
            Layer = QueryChecks.Layer(layer, how),
            Grid = QueryChecks.Grid(grid, options.Limits),
            Fill = QueryChecks.Fill(fill),
        };
        var explanation = recent.GetOrAdd(id, sentence, settings, () => queries.Run(service =>
        {
            IndexedImages.FindReadable(service, id, "image");
            IndexedImages.FindOnDisk(service, id, "image");
            return service.Explain(ImageReference.Indexed(id), sentence, settings);
        }));
        return (id, settings, explanation);
    }
}
