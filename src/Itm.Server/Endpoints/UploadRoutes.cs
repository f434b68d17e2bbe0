namespace Itm.Server.Endpoints;

/// <summary>What every route that takes an uploaded image declares: a multipart body, no antiforgery token (the API is
/// called by scripts as well as the page), and the statuses an upload can fail with.</summary>
internal static class UploadRoutes
{
    /// <summary>Declares the multipart body and the 400, 413 and 415 problems of an upload.</summary>
    public static RouteHandlerBuilder AcceptsImageUpload(this RouteHandlerBuilder route) => route
        .Accepts<IFormFile>("multipart/form-data")
        .DisableAntiforgery()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
