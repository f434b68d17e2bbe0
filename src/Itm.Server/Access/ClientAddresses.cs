using System.Net;

namespace Itm.Server.Access;

/// <summary>
/// Who a request comes from, for the rate limits: the connection's remote address, unless that address is one of
/// <see cref="ServerOptions.TrustedProxies"/>. Then the proxy speaks for the client in <c>X-Forwarded-For</c>
/// ("client, proxy1, proxy2"): read from the right, each trusted proxy names the one before it, and the first address
/// that is not a trusted proxy is the client. Anything left of it was written by the client itself and is ignored, so a
/// client can't pose as another; a connection from anywhere else is never taken at its header's word.
/// </summary>
internal sealed class ClientAddresses
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    private readonly IReadOnlyList<IPNetwork> trustedProxies;

    public ClientAddresses(IReadOnlyList<IPNetwork> trustedProxies)
    {
        this.trustedProxies = trustedProxies;
    }

    public string Of(HttpContext context)
    {
        var remote = Normal(context.Connection.RemoteIpAddress);
        if (remote is null)
        {
            return "unknown";
        }

        if (!IsTrusted(remote))
        {
            return remote.ToString();
        }

        var client = remote;
        var hops = context.Request.Headers[ForwardedForHeader]
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Reverse();
        foreach (string hop in hops)
        {
            // A hop that is not an address (garbage, "unknown") ends what can be believed: the last proxy's peer stands.
            if (!IPAddress.TryParse(hop, out var parsed) || Normal(parsed) is not { } address)
            {
                break;
            }

            client = address;
            if (!IsTrusted(address))
            {
                break;
            }
        }

        return client.ToString();
    }

    private bool IsTrusted(IPAddress address) => trustedProxies.Any(network => network.Contains(address));

    /// <summary>IPv4 over an IPv6 socket counts as the IPv4 address.</summary>
    private static IPAddress? Normal(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
