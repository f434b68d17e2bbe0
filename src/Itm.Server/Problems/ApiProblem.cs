namespace Itm.Server.Problems;

/// <summary>
/// A request the server refuses, with the status code and the words that tell the client what to change. Thrown where
/// the check is made and written as RFC 7807 problem JSON by <see cref="ProblemExceptionHandler"/>, so endpoints read
/// as the happy path.
/// </summary>
public sealed class ApiProblem : Exception
{
    public ApiProblem(int status, string title, string detail, string? parameter = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Parameter = parameter;
    }

    public int Status { get; }

    /// <summary>Short and the same for every problem of a kind ("Invalid parameter", "Image not found").</summary>
    public string Title { get; }

    /// <summary>The query parameter or form field at fault, when one is.</summary>
    public string? Parameter { get; }

    public static ApiProblem InvalidParameter(string parameter, string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid parameter", detail, parameter);

    /// <param name="parameter">Where the id was given: the route's <c>id</c>, or search's <c>image</c>.</param>
    public static ApiProblem ImageNotFound(long id, string parameter = "id") =>
        new(StatusCodes.Status404NotFound, "Image not found", $"The index has no image with id {id}. Ids come from the results of /api/search.", parameter);
}
