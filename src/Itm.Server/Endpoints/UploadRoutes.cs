using Itm.Server.Access;

namespace Itm.Server.Endpoints;

/// <summary>What every route that takes an uploaded image declares: a multipart body, no antiforgery token (the API is
/// called by scripts as well as the page), the stricter rate limit of the routes that run the model, and the statuses an
/// upload can fail with.</summary>
internal static class UploadRoutes
{
    /// <summary>Declares the multipart body, the expensive rate limit, and the 400, 413, 415 and 429 problems of an upload.</summary>
    public static RouteHandlerBuilder AcceptsImageUpload(this RouteHandlerBuilder route) => route
        .Accepts<IFormFile>("multipart/form-data")
        .DisableAntiforgery()
        .RequireRateLimiting(ClientRateLimits.Expensive)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
