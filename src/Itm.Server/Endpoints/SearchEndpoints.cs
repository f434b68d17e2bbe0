using Itm.Search.Queries;
using Itm.Server.Contracts;
using Itm.Server.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Itm.Server.Endpoints;

/// <summary>
/// The indexed images that best match a query (<see cref="QueryExpression"/>: a sentence, or terms to add, subtract
/// and weigh): <c>GET /api/search?q=…&amp;k=…</c>, with an indexed image too (<c>image=ID</c>, itself left out of the
/// results), or <c>POST /api/search?q=…</c> with an uploaded image; <c>imageWeight</c> weighs the image, and
/// <c>minPrecision</c> keeps only the images at least that likely to match (by the model's calibration).
/// </summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/search", Search)
            .WithName("Search")
            .WithSummary("The indexed images that best match a query (+word, -word, 2:word), with an indexed image too when 'image' is given, best first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/search", Upload)
            .WithName("SearchWithUpload")
            .WithSummary("The indexed images that best match a query and an uploaded image (multipart field 'image') together, best first.")
            .AcceptsImageUpload()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="image">The id of an indexed image to search with too.</param>
    /// <param name="imageWeight">The image's weight in the query (default 1; negative: less like it).</param>
    /// <param name="minPrecision">Only the images at least this likely to match (0 &lt; P &lt; 1): fewer than k, or none, when nothing matches well enough.</param>
    private static Ok<ImagesResponse> Search(string? q, int? k, long? image, double? imageWeight, double? minPrecision, IndexQueries queries, ServerOptions options)
    {
        string sentence = QueryChecks.Sentence(q, options.Limits);
        int top = QueryChecks.K(k, options.Limits);
        double? precision = QueryChecks.MinPrecision(minPrecision);
        var query = QueryExpression.Parse(q!, image is long id ? ImageReference.Indexed(id) : null, QueryChecks.ImageWeight(imageWeight, image is not null));
        var matches = queries.Run(service =>
        {
            if (image is long id)
            {
                IndexedImages.FindReadable(service, id, "image");
            }

            return service.Answer(query, top, precision);
        });
        return TypedResults.Ok(ImagesResponse.OfSearch(sentence, matches));
    }

    private static async Task<Ok<ImagesResponse>> Upload(
        HttpRequest request, string? q, int? k, double? imageWeight, double? minPrecision, IndexQueries queries, ServerOptions options, CancellationToken cancellation)
    {
        string sentence = QueryChecks.Sentence(q, options.Limits);
        int top = QueryChecks.K(k, options.Limits);
        double weight = QueryChecks.ImageWeight(imageWeight, hasImage: true);
        double? precision = QueryChecks.MinPrecision(minPrecision);
        using var upload = await UploadedImage.ReadAsync(request, options.Limits, cancellation);
        var query = QueryExpression.Parse(q!, ImageReference.File(upload.Path), weight);
        var matches = queries.Run(service => service.Answer(query, top, precision));
        return TypedResults.Ok(ImagesResponse.OfSearch(sentence, matches));
    }
}
