using System.Globalization;
using System.Threading.RateLimiting;
using Itm.Server.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Itm.Server.Access;

/// <summary>
/// Per-client rate limits (ASP.NET Core's rate limiter): a token bucket per client address (<see cref="ClientAddresses"/>:
/// the remote IP, or the one a trusted proxy forwards for) for every routed request,
/// and a second, smaller one for the routes that cost model time (<see cref="Expensive"/>). The page's files are served
/// before routing and <c>/api/health</c> opts out, so neither counts. Over a limit: 429 problem JSON with Retry-After.
/// </summary>
internal static class ClientRateLimits
{
    /// <summary>The policy the upload and explanation routes name.</summary>
    public const string Expensive = "expensive";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, ServerLimits limits, ClientAddresses clients) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(
                context => Bucket(clients.Of(context), limits.RateLimit, ServerLimits.BurstSeconds));
            limiter.AddPolicy(Expensive, context => Bucket(clients.Of(context), limits.ExpensiveRateLimit, ServerLimits.ExpensiveBurstSeconds));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> Bucket(string client, int perSecond, int burstSeconds)
    {
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
