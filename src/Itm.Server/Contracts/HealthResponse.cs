namespace Itm.Server.Contracts;

/// <summary>The answer of <c>/api/health</c>: <c>ok</c> once the index is open and readable.</summary>
public sealed record HealthResponse(string Status, long Images);
