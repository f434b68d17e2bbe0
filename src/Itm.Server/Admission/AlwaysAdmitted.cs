namespace Itm.Server.Admission;

/// <summary>
/// Endpoint metadata: the route is answered even when the server is full (<see cref="InFlightLimit"/>). For the routes
/// that say how the server is (health, stats): a monitor must see a busy server as up, not as failing.
/// </summary>
internal sealed class AlwaysAdmitted
{
    public static readonly AlwaysAdmitted Instance = new();

    private AlwaysAdmitted()
    {
    }
}

internal static class AlwaysAdmittedExtensions
{
    public static TBuilder AlwaysAdmitted<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Admission.AlwaysAdmitted.Instance);
}
