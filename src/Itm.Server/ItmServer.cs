using Itm.Search.Queries;
using Itm.Server.Admission;
using Itm.Search.Thumbnails;
using Itm.Server.Access;
using Itm.Server.Endpoints;
using Itm.Server.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Itm.Server;

/// <summary>
/// The HTTP server over an index: the JSON API, its OpenAPI description at <c>/openapi/v1.json</c>, and the web page.
/// <see cref="Create"/> builds the Kestrel host <c>itm serve</c> runs; <see cref="AddItmServer"/> and
/// <see cref="UseItmServer"/> are the same composition for any other host (tests embed it in a test server).
/// </summary>
public static class ItmServer
{
    /// <summary>The most pool threads reserved, however high the in-flight bound is set.</summary>
    private const int MaxReservedThreads = 1024;

    /// <summary>A web application listening on <see cref="ServerOptions.Urls"/>; the index is opened now, so a bad one fails here.</summary>
    public static WebApplication Create(ServerOptions options)
    {
        options.Validate();
        ReserveThreads(options.Limits);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.Limits.MaxRequestBytes);

        // The command line prints where it listens; the host's start-up chatter would bury that.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start (a port in use, say) is thrown to the caller of StartAsync, which reports it; the host's own
        // error line would repeat it, stack trace and all, above that report.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter(typeof(LiveIndex).FullName, LogLevel.Information);
        builder.Services.AddItmServer(options);
        var app = builder.Build();
        app.UseItmServer();
        return app;
    }

    /// <summary>
    /// Queries run synchronously on pool threads, up to <see cref="ServerLimits.MaxInFlight"/> at once, and what they wait
    /// on (a Garnet node's reply, the text batch) needs pool threads too. Up to its minimum the pool starts a thread the
    /// moment one is needed; past it, about one every half second, so a burst of waiting requests waited seconds for the
    /// threads that would answer them (stalls of 10 s in the chaos run, benchmarks/load/chaos.sh).
    /// </summary>
    private static void ReserveThreads(ServerLimits limits)
    {
        int requests = limits.MaxInFlight > 0 ? Math.Min(limits.MaxInFlight, MaxReservedThreads) : new ServerLimits().MaxInFlight;
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        int wanted = requests + (2 * Environment.ProcessorCount);
        if (wanted > workers)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }

    public static IServiceCollection AddItmServer(this IServiceCollection services, ServerOptions options)
    {
        options.Validate();
        var requests = new HttpContextAccessor();
        var queries = new IndexQueries(QueryService.Open(options.IndexDir, options.ToQueryOptions()), requests);

        // Registered through a factory so the container disposes the index when the host stops.
        services.AddSingleton(_ => queries);
        services.AddSingleton<IHttpContextAccessor>(requests);
        if (options.Live.Enabled)
        {
            services.AddHostedService<LiveIndex>();
        }

        services.AddSingleton(options);
        services.AddSingleton(new ThumbnailCache(options.IndexDir, options.Thumbnails));
        services.AddSingleton(new RecentExplanations());
        if (options.Limits.MaxInFlight > 0)
        {
            services.AddSingleton(new InFlightLimit(options.Limits.MaxInFlight, TimeSpan.FromMilliseconds(options.Limits.RefusalDelayMs)));
        }

        services.AddRouting();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FrameworkProblems.Explain);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddClientRateLimits(options.Limits, new ClientAddresses(options.TrustedProxies));

        // Stopping lets the requests in flight finish, for up to this long; the host's default is 30 s, said here so it stays so.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        // A parameter that doesn't bind ("k=abc") throws, so it is answered as problem JSON naming the parameter.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = options.Limits.MaxRequestBytes);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "itm";
            document.Info.Description = "Search indexed images with a sentence, annotate an image with the index's captions, find similar images, explain a match.";
            return Task.CompletedTask;
        }).AddOperationTransformer(new AccessResponses(options)));
        return services;
    }

    public static IApplicationBuilder UseItmServer(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // The page loads nothing from elsewhere; say so, so an injected tag could not either. (The original-image
            // route replaces this with a stricter policy.)
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

            await next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = PageFiles.Provider });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = PageFiles.Provider });
        app.UseRouting();

        // After routing, so each route's policy is known; after the page's files, so loading the page costs nothing.
        // Before the key check, so guessing keys is rate limited too.
        app.UseRateLimiter();
        var options = app.ApplicationServices.GetRequiredService<ServerOptions>();
        if (options.ApiKey is string key)
        {
            var check = new ApiKeyCheck(key);
            app.Use(check.InvokeAsync);
        }

        // After the rate limits and the key, so only requests the server would answer take a place; after routing, so
        // the routes that are always answered (health, stats) are known.
        if (app.ApplicationServices.GetService<InFlightLimit>() is { } admission)
        {
            app.Use(admission.InvokeAsync);
        }

        app.UseEndpoints(endpoints =>
        {
            endpoints.MapItmApi();
            endpoints.MapOpenApi();
        });
        return app;
    }
}
