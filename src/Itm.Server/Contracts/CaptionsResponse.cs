namespace Itm.Server.Contracts;

/// <summary>The answer of <c>annotate</c>: captions of the index's corpus, best first.</summary>
/// <param name="Query"><c>#ID</c> for an indexed image, or the uploaded file's name.</param>
public sealed record CaptionsResponse(string Query, IReadOnlyList<CaptionResult> Results);
