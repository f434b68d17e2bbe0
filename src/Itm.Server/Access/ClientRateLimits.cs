using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Itm.Server.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Itm.Server.Access;

/// <summary>
/// Per-client rate limits (ASP.NET Core's rate limiter): a token bucket per remote IP address for every routed request,
/// and a second, smaller one for the routes that cost model time (<see cref="Expensive"/>). The page's files are served
/// before routing and <c>/api/health</c> opts out, so neither counts. Over a limit: 429 problem JSON with Retry-After.
/// </summary>
internal static class ClientRateLimits
{
    /// <summary>The policy the upload and explanation routes name.</summary>
    public const string Expensive = "expensive";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, ServerLimits limits) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(
                context => Bucket(context, limits.RateLimit, ServerLimits.BurstSeconds));
            limiter.AddPolicy(Expensive, context => Bucket(context, limits.ExpensiveRateLimit, ServerLimits.ExpensiveBurstSeconds));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });

    /// <summary>
    /// The client is the connection's remote address, never a header it sends (X-Forwarded-For is whatever the client
    /// writes). IPv4 over an IPv6 socket counts as the IPv4 address.
    /// </summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } address => address.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
    };

    private static RateLimitPartition<string> Bucket(HttpContext context, int perSecond, int burstSeconds)
    {
        string client = ClientOf(context);
        return perSecond == 0
            ? RateLimitPartition.GetNoLimiter(client)
            : RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * burstSeconds,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellation)
    {
        var context = rejected.HttpContext;
        int seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This client has made more requests than the server allows; try again in {seconds} s.");
    }
}
