using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Itm.Server.Tests.Fixtures;

/// <summary>
/// The server as <c>itm serve</c> composes it (<see cref="ItmServer.AddItmServer"/> and
/// <see cref="ItmServer.UseItmServer"/>), hosted in memory by Mvc.Testing's test server. Itm.Server is a library
/// without an entry point, so the factory builds the host itself; this test assembly stands in as the entry point.
/// </summary>
public sealed class ItmServerFactory : WebApplicationFactory<ItmServerFactory>
{
    private readonly ServerOptions options;

    public ItmServerFactory(ServerOptions options)
    {
        this.options = options;

        // The factory asks for a content root; the page is embedded, so any existing folder will do.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ITM_SERVER_TESTS", AppContext.BaseDirectory);
    }

    protected override IHostBuilder CreateHostBuilder() => new HostBuilder().ConfigureWebHost(web => web
        .ConfigureServices(services => services.AddItmServer(options))
        .Configure(app => app.UseItmServer()));
}
