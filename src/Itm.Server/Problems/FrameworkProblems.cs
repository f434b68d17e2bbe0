using Itm.Server.Requests;

namespace Itm.Server.Problems;

/// <summary>
/// Words for the problems the framework writes by itself, before any endpoint runs: no route (404), a method a route
/// doesn't take (405), an upload that isn't multipart/form-data (415, from the routes' declared body type).
/// </summary>
internal static class FrameworkProblems
{
    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        switch (problem.Status)
        {
            case StatusCodes.Status404NotFound:
                problem.Detail = $"Nothing is served at {request.Path}. The API's routes are described at /openapi/v1.json.";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Detail = $"{request.Method} is not allowed on {request.Path}. The API's routes are described at /openapi/v1.json.";
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Detail = $"Send the image as multipart/form-data, in a file field named '{UploadedImage.Field}'.";
                problem.Extensions["parameter"] = UploadedImage.Field;
                break;
        }
    }
}
