using Itm.Data.Images;
using Itm.Index;
using Itm.Model.Persistence;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Itm.Server.Problems;

/// <summary>
/// Turns what a request threw into problem JSON with the status code that fits: the server's own refusals, the
/// framework's (a parameter that does not bind, a body over the size limit) and the libraries' errors, whose messages
/// already name the image, index or model at fault and say what to do.
/// </summary>
internal sealed class ProblemExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService problems;
    private readonly ILogger<ProblemExceptionHandler> logger;

    public ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    {
        this.problems = problems;
        this.logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "{Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails ToProblem(Exception exception)
    {
        var (status, title, parameter) = exception switch
        {
            ApiProblem p => (p.Status, p.Title, p.Parameter),
            QueryExpressionException => (StatusCodes.Status400BadRequest, "Invalid query", "q"),
            // The request is fine; the index's model lacks what it needs, until someone runs `itm calibrate`.
            CalibrationMissingException => (StatusCodes.Status409Conflict, "The model has no calibration", "minPrecision"),
            // Likewise: Grad-CAM is a fine request for another model, not for one without maps (or not that many layers of them).
            GradCamUnavailableException g => (StatusCodes.Status409Conflict, "The model can't do Grad-CAM", g.Parameter),
            // Parameters that don't bind ("k=abc"); bodies over Kestrel's size limit (413).
            BadHttpRequestException b => (b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Upload too large" : "Invalid request", null),
            IndexFolderException { Problem: IndexProblem.Missing } => (StatusCodes.Status404NotFound, "Not in the index", null),
            // A Garnet node is down or late: the request may succeed once it is back.
            IndexFolderException { Problem: IndexProblem.BackendUnavailable } => (StatusCodes.Status503ServiceUnavailable, "The index's Garnet nodes did not answer", null),
            FileNotFoundException => (StatusCodes.Status404NotFound, "File not found", null),
            ImageLoadException => (StatusCodes.Status422UnprocessableEntity, "Image can't be read", null),
            IndexFolderException or ModelFolderException => (StatusCodes.Status500InternalServerError, "The index can't answer", null),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", (string?)null),
        };
        var problem = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        if (parameter is not null)
        {
            problem.Extensions["parameter"] = parameter;
        }

        if (exception is QueryExpressionException query)
        {
            // Where the query is wrong, so a client can point at it: the token as written and its 1-based position in q.
            problem.Extensions["token"] = query.Token;
            problem.Extensions["position"] = query.Position;
        }

        return problem;
    }
}
