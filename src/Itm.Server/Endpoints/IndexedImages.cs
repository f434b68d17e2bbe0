using Itm.Search.Queries;
using Itm.Server.Problems;

namespace Itm.Server.Endpoints;

/// <summary>The one way an endpoint turns an id from the URL into an image: a catalog lookup, never a path.</summary>
internal static class IndexedImages
{
    /// <summary>The indexed image with this id; 404 when there is none.</summary>
    /// <param name="parameter">The parameter that gave the id, named in the problem.</param>
    public static IndexedImage Find(QueryService service, long id, string parameter = "id") =>
        service.FindImage(id) ?? throw ApiProblem.ImageNotFound(id, parameter);

    /// <summary>The indexed image with this id, which must have a vector to query with; 404 or 422 otherwise.</summary>
    public static IndexedImage FindReadable(QueryService service, long id, string parameter = "id")
    {
        var image = Find(service, id, parameter);
        return image.IsReadable
            ? image
            : throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, "Image can't be read",
                $"Image {id} ({image.RelativePath}) could not be decoded when it was indexed, so it has no vector to query with.", parameter);
    }

    /// <summary>
    /// The indexed image with this id, whose file is still on disk; 404 otherwise. The catalog's paths are written by
    /// the indexer, relative and inside the images folder; checking again costs nothing and keeps a damaged or
    /// hand-edited catalog from pointing elsewhere.
    /// </summary>
    public static IndexedImage FindOnDisk(QueryService service, long id, string parameter = "id")
    {
        var image = Find(service, id, parameter);
        bool inside = !Path.IsPathRooted(image.RelativePath) && !image.RelativePath.Split('/', '\\').Contains("..");
        return inside && File.Exists(image.Path)
            ? image
            : throw new ApiProblem(StatusCodes.Status404NotFound, "Image not found",
                $"Image {image.Id} ({image.RelativePath}) is in the index but no longer on disk. Run `itm index` again.", parameter);
    }
}
