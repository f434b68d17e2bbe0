namespace Itm.Server.Contracts;

/// <summary>The answer of <c>search</c> and <c>similar</c>: images, best first.</summary>
/// <param name="Query">The sentence searched for, <c>#ID</c> for an indexed image, or the uploaded file's name.</param>
public sealed record ImagesResponse(string Query, IReadOnlyList<ImageResult> Results);
