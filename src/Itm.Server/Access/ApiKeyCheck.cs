using System.Security.Cryptography;
using System.Text;
using Itm.Server.Problems;

namespace Itm.Server.Access;

/// <summary>
/// The optional API key (<see cref="ServerOptions.ApiKey"/>): every <c>/api</c> route but <c>/api/health</c> needs it,
/// as <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or the page's cookie. Missing or wrong: 401 problem JSON with
/// WWW-Authenticate. The page's files and the OpenAPI description stay open: they hold nothing from the index.
/// </summary>
internal sealed class ApiKeyCheck
{
    public const string Header = "X-Api-Key";

    /// <summary>What the page stores the key in once the user types it: a session cookie, sent only to this site.</summary>
    public const string Cookie = "itm-api-key";

    private readonly byte[] expected;

    public ApiKeyCheck(string key)
    {
        expected = Digest(key);
    }

    /// <summary>
    /// Whether a presented key is the key. Both are hashed first and the hashes compared in constant time, so neither
    /// the time taken nor an early length mismatch tells a client how much of a guess was right.
    /// </summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), expected);

    public static bool Guards(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>Passes the request on when it doesn't need the key or carries it; otherwise answers 401.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Guards(context.Request.Path) || Matches(Presented(context.Request)))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"itm\"";
        await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "API key required",
            $"This server needs its API key: send it as '{Header}: KEY' or 'Authorization: Bearer KEY'.");
    }

    private static string? Presented(HttpRequest request)
    {
        string? header = request.Headers[Header];
        if (!string.IsNullOrEmpty(header))
        {
            return header;
        }

        string? authorization = request.Headers.Authorization;
        const string bearer = "Bearer ";
        if (authorization is not null && authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[bearer.Length..].Trim();
        }

        // The framework has already unescaped the cookie's value (the page escapes it).
        return request.Cookies[Cookie] is { Length: > 0 } cookie ? cookie : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
