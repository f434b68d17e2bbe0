using System.Diagnostics;
using Itm.Index.Storage;
using Itm.Search.Tests.Fixtures;
using SkiaSharp;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm index --watch</c> as a user runs it, in a process of its own: it indexes an added image and drops a deleted
/// one without being asked, and Ctrl+C (SIGINT) stops it cleanly, exit code 0.
/// </summary>
[Collection("Sequential")]
public sealed class WatchCommandTests : TinyIndexWorkspace
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public WatchCommandTests()
        : base("itm-watch-")
    {
    }

    [Fact]
    public async Task Watching_indexes_an_added_and_a_deleted_image_and_ctrl_c_stops_it()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "itm"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "index", "--model", model, "--images", images, "--db", db, "--cache", cache, "--watch", "--debounce-seconds", "0.2", "--rescan-seconds", "60" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await Until(() => Runs() >= 1, process, stderr);
            File.WriteAllBytes(Path.Combine(images, "shapes", "purple-square.png"), TinyImages.Draw(SKColors.Purple, circle: false));
            await Until(() => Paths().Contains("shapes/purple-square.png"), process, stderr);
            File.Delete(Path.Combine(images, "shapes", "green-circle.png"));
            await Until(() => !Paths().Contains("shapes/green-circle.png"), process, stderr);

            using (var interrupt = Process.Start("kill", [StopSignal(process.Id), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            try
            {
                await process.WaitForExitAsync().WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"itm index --watch did not stop within {Patience.TotalSeconds} s of {StopSignal(process.Id)}:\n{await stdout}{await stderr}");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("Stopped watching", output);
        Assert.Equal(3, Runs());
    }

    /// <summary>
    /// Ctrl+C's signal, SIGINT, unless the process inherited it ignored (a shell starts background jobs so, and .NET
    /// then leaves it ignored): then SIGTERM, which the watch handles the same way.
    /// </summary>
    private static string StopSignal(int pid)
    {
        string? ignored = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        bool sigintIgnored = ignored is not null && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
        return sigintIgnored ? "-TERM" : "-INT";
    }

    private long Runs() => File.Exists(IndexFiles.Catalog(db)) ? IndexReader.FinishedRuns(db) : 0;

    private HashSet<string> Paths()
    {
        using var reader = IndexReader.Open(db);
        return reader.Images().Select(image => image.Path).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task Until(Func<bool> done, Process process, Task<string> stderr)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.False(process.HasExited, $"itm index --watch exited early: {(process.HasExited ? await stderr : string.Empty)}");
            Assert.True(clock.Elapsed < Patience, "itm index --watch did not catch up in time");
            await Task.Delay(50);
        }
    }
}
