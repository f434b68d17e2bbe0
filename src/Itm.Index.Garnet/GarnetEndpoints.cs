using System.Globalization;

namespace Itm.Index.Garnet;

/// <summary>The <c>host:port[,host:port...]</c> lists that name Garnet nodes (the CLI's <c>--garnet</c> value).</summary>
public static class GarnetEndpoints
{
    private const string ExpectedForm = "expected host:port[,host:port...], e.g. 127.0.0.1:6379,127.0.0.1:6380";

    /// <summary>The endpoints in the order given, each trimmed to <c>host:port</c>.</summary>
    /// <exception cref="ArgumentException">The text is empty, an item has no host or no valid port (1–65535), or an item is repeated.</exception>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"No Garnet endpoint given; {ExpectedForm}.", nameof(text));
        }

        var endpoints = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            string endpoint = ParseOne(item);
            if (!seen.Add(endpoint))
            {
                throw new ArgumentException($"Garnet endpoint '{item}' is listed twice; {ExpectedForm}.", nameof(text));
            }

            endpoints.Add(endpoint);
        }

        return endpoints;
    }

    /// <summary>Splits a parsed endpoint into host and port (an IPv6 host keeps its brackets off).</summary>
    public static (string Host, int Port) Split(string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new ArgumentException($"Garnet endpoint '{endpoint}' has no port; {ExpectedForm}.", nameof(endpoint));
        }

        string host = endpoint[..colon].Trim('[', ']');
        return (host, int.Parse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static string ParseOne(string item)
    {
        if (item.Length == 0)
        {
            throw new ArgumentException($"An empty Garnet endpoint (two commas, or a comma at an end); {ExpectedForm}.", "text");
        }

        // The last colon separates the port, so a bracketed IPv6 host ([::1]:6379) keeps its own colons.
        int colon = item.LastIndexOf(':');
        string host = colon < 0 ? item : item[..colon];
        string port = colon < 0 ? "" : item[(colon + 1)..];
        bool bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || (host.Contains(':') && !bracketed))
        {
            throw new ArgumentException($"Garnet endpoint '{item}' has no valid host; {ExpectedForm}.", "text");
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
        {
            throw new ArgumentException($"Garnet endpoint '{item}' has no valid port (1-65535); {ExpectedForm}.", "text");
        }

        return $"{host}:{number}";
    }
}
