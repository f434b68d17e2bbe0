using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Itm.Server.Admission;

namespace Itm.Server.Access;

/// <summary>
/// Adds to the OpenAPI description the answers that come from the access checks rather than from a route's own code,
/// on exactly the routes they can reach: 429 (with Retry-After) wherever a rate limit this server runs with applies,
/// 401 on the routes the API key guards when the server has one, and 503 (with Retry-After) on the routes the bound on
/// requests in flight applies to (<see cref="InFlightLimit"/>). The checks run before routing's endpoints, so
/// the routes can't declare these themselves.
/// </summary>
internal sealed class AccessResponses : IOpenApiOperationTransformer
{
    private readonly ServerOptions options;

    public AccessResponses(ServerOptions options)
    {
        this.options = options;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (IsRateLimited(metadata))
        {
            operation.Responses[StatusCodes.Status429TooManyRequests.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = "Too many requests from this client: wait the seconds Retry-After says.",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds until the client's bucket has room again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                },
                Content = Problem(),
            };
        }

        if (options.ApiKey is not null && ApiKeyCheck.Guards(new PathString("/" + context.Description.RelativePath)))
        {
            operation.Responses[StatusCodes.Status401Unauthorized.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = $"The API key is missing or wrong: send it as '{ApiKeyCheck.Header}: KEY' or 'Authorization: Bearer KEY'.",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["WWW-Authenticate"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                Content = Problem(),
            };
        }

        if (options.Limits.MaxInFlight > 0 && !metadata.OfType<AlwaysAdmitted>().Any())
        {
            operation.Responses[StatusCodes.Status503ServiceUnavailable.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = $"The server is answering as many requests as it takes at once ({options.Limits.MaxInFlight}): wait the seconds Retry-After says.",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                },
                Content = Problem(),
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>The global limit applies to every route but those that opt out; the expensive one to those that name it.</summary>
    private bool IsRateLimited(IList<object> metadata)
    {
        if (metadata.OfType<DisableRateLimitingAttribute>().Any())
        {
            return false;
        }

        bool expensive = metadata.OfType<EnableRateLimitingAttribute>().Any(p => p.PolicyName == ClientRateLimits.Expensive);
        return options.Limits.RateLimit > 0 || (expensive && options.Limits.ExpensiveRateLimit > 0);
    }

    private static Dictionary<string, OpenApiMediaType> Problem() => new()
    {
        ["application/problem+json"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        },
    };
}
