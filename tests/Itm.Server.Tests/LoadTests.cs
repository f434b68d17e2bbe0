using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Itm.Server.Tests.Fixtures;
using Xunit.Abstractions;

namespace Itm.Server.Tests;

/// <summary>
/// The short variant of the load test (benchmarks/load/run.sh runs the long one at 100,000 images): Debian's wrk,
/// with the same script, drives a mix of searches and similar-image requests at the server as <c>itm serve</c> runs
/// it, from several connections at once. Every request must be answered 200, with no socket error or timeout.
/// </summary>
[Collection("Sequential")]
public sealed class LoadTests
{
    private const string Wrk = "/usr/bin/wrk";
    private readonly ServedIndex served;
    private readonly ITestOutputHelper output;

    public LoadTests(ServedIndex served, ITestOutputHelper output)
    {
        this.served = served;
        this.output = output;
    }

    [Fact]
    public async Task Concurrent_searches_and_similar_requests_are_all_answered()
    {
        Assert.True(File.Exists(Wrk), $"{Wrk} is missing: the load test drives Debian's wrk. Install it with `apt-get install wrk` (CI does).");
        string work = Directory.CreateTempSubdirectory("itm-load-").FullName;
        try
        {
            string queries = Path.Combine(work, "queries.txt");
            // One URL-encoded query per line, as benchmarks/load/make_queries.py writes them; algebra included.
            string[] sentences = ["a red square", "a blue circle", "a green square", "red", "square -red", "2:blue +square"];
            File.WriteAllLines(queries, sentences.Select(Uri.EscapeDataString));
            string ids = Path.Combine(work, "ids.txt");
            File.WriteAllLines(ids, served.AllImages().Where(image => image.IsReadable).Select(image => image.Id.ToString(CultureInfo.InvariantCulture)));
            await using var app = ItmServer.Create(served.Options with { Urls = "http://127.0.0.1:0" });
            await app.StartAsync();

            var result = await RunWrkAsync(app.Urls.First(), queries, ids, connections: 8, seconds: 4);

            output.WriteLine(result.RootElement.ToString());
            Assert.True(result.RootElement.GetProperty("requests").GetInt64() > 50, "wrk made almost no requests.");
            Assert.Equal(0, result.RootElement.GetProperty("non_200").GetInt64());
            foreach (var error in result.RootElement.GetProperty("socket_errors").EnumerateObject())
            {
                Assert.True(error.Value.GetInt64() == 0, $"wrk saw {error.Value} {error.Name} errors.");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<JsonDocument> RunWrkAsync(string url, string queries, string ids, int connections, int seconds)
    {
        var start = new ProcessStartInfo(Wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
        {
            "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", LuaScript(), url, "--", queries, ids, "20",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start)!;
        var stdout = wrk.StandardOutput.ReadToEndAsync();
        var stderr = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds + 60));
        string printed = await stdout;
        Assert.True(wrk.ExitCode == 0, $"wrk failed ({wrk.ExitCode}): {await stderr}{printed}");
        string? line = printed.Split('\n').FirstOrDefault(l => l.StartsWith("wrk-json ", StringComparison.Ordinal));
        Assert.True(line is not null, $"wrk printed no result line: {printed}");
        return JsonDocument.Parse(line!["wrk-json ".Length..]);
    }

    /// <summary>benchmarks/load/mixed.lua, found by walking up from the test's folder to the repository root.</summary>
    private static string LuaScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "benchmarks", "load", "mixed.lua");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"benchmarks/load/mixed.lua was not found above {AppContext.BaseDirectory}.");
    }
}
