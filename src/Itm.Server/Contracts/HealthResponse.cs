namespace Itm.Server.Contracts;

/// <summary>The answer of <c>/api/health</c>: <c>ok</c> once the index is open and readable.</summary>
/// <param name="Images">Readable images in the snapshot that answered.</param>
/// <param name="Generation">
/// The snapshot that answered: how many <c>itm index</c> runs had finished on the index when the server opened it. It
/// goes up as the server picks up each finished run (the live index); every <c>/api</c> answer that reads the index
/// names its snapshot the same way, in the <c>X-Itm-Generation</c> header.
/// </param>
public sealed record HealthResponse(string Status, long Images, long Generation);
