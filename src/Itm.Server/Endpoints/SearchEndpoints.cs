using Itm.Server.Contracts;
using Itm.Server.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Itm.Server.Endpoints;

/// <summary><c>GET /api/search?q=…&amp;k=…</c>: the indexed images that best match a sentence.</summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/search", Search)
        .WithName("Search")
        .WithSummary("The indexed images that best match a sentence, best first.")
        .ProducesProblem(StatusCodes.Status400BadRequest);

    private static Ok<ImagesResponse> Search(string? q, int? k, IndexQueries queries, ServerOptions options)
    {
        string sentence = QueryChecks.Sentence(q, options.Limits);
        int top = QueryChecks.K(k, options.Limits);
        var matches = queries.Run(service => service.Search(sentence, top));
        return TypedResults.Ok(new ImagesResponse(sentence, [.. matches.Select(ImageResult.From)]));
    }
}
