using System.Globalization;
using Itm.Server.Problems;

namespace Itm.Server.Admission;

/// <summary>
/// Admission control: at most <see cref="ServerLimits.MaxInFlight"/> <c>/api</c> requests in the server at once. One more
/// is answered with 503, problem JSON and Retry-After, instead of waiting in a queue that only grows: past the point
/// where the cores are busy, each request admitted makes every other one slower. Counting is a single atomic add, so a
/// refusal costs next to nothing; it is sent after <see cref="ServerLimits.RefusalDelayMs"/>, so that clients which
/// retry at once cannot turn refusals into a flood. Routes marked <see cref="AlwaysAdmitted"/> (health, stats) are never refused.
/// </summary>
internal sealed class InFlightLimit
{
    /// <summary>What Retry-After says: requests take milliseconds, so the room is back within a second.</summary>
    public const int RetryAfterSeconds = 1;

    private readonly int limit;
    private readonly TimeSpan refusalDelay;
    private int inFlight;

    public InFlightLimit(int limit, TimeSpan refusalDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(refusalDelay, TimeSpan.Zero);
        this.limit = limit;
        this.refusalDelay = refusalDelay;
    }

    /// <summary>Requests admitted and not yet answered.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Whether the limit applies to a request: an <c>/api</c> route that is not always admitted.</summary>
    public static bool Applies(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && context.GetEndpoint()?.Metadata.GetMetadata<AlwaysAdmitted>() is null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Applies(context))
        {
            await next(context);
            return;
        }

        if (Interlocked.Increment(ref inFlight) > limit)
        {
            Interlocked.Decrement(ref inFlight);
            if (refusalDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(refusalDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;   // the client left: nobody to answer
                }
            }

            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Server busy",
                $"The server is answering as many requests as it takes at once ({limit}); try again in {RetryAfterSeconds} s.");
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
