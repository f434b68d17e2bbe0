namespace Itm.Server.Endpoints;

/// <summary>The JSON API under <c>/api</c>: one file per question the index answers, plus its images and its state.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapItmApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        SearchEndpoints.Map(api);
        AnnotateEndpoints.Map(api);
        SimilarEndpoints.Map(api);
        DuplicatesEndpoints.Map(api);
        ExplainEndpoints.Map(api);
        ImageEndpoints.Map(api);
        StatusEndpoints.Map(api);
        return endpoints;
    }
}
