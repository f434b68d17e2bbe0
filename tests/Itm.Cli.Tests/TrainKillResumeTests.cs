using System.Diagnostics;
using System.Text.Json;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm train</c> as a real process, killed with SIGKILL at random moments and started again with the same command:
/// the model it ends with is byte for byte the one an uninterrupted run writes, with each epoch in its history once.
/// </summary>
[Collection("Sequential")]
public sealed class TrainKillResumeTests : IDisposable
{
    private const int Kills = 3;
    private readonly string root = Directory.CreateTempSubdirectory("itm-train-kill-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Train_killed_three_times_and_resumed_writes_the_same_model_as_an_uninterrupted_run()
    {
        string data = Path.Combine(root, "synthetic");
        var prepare = CliRunner.Run("data", "prepare", "synthetic", "--out", data, "--count", "48");
        Assert.True(prepare.ExitCode == 0, prepare.Output);

        string straight = Path.Combine(root, "straight");
        var clock = Stopwatch.StartNew();
        var (code, output) = Train(straight, killAfter: null);
        Assert.True(code == 0, output);
        var duration = clock.Elapsed;

        string resumed = Path.Combine(root, "resumed");
        var random = new Random(7);
        int landed = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            // Anywhere from start-up to the end of training, as a person pressing kill -9 would.
            var (killCode, _) = Train(resumed, killAfter: duration * (0.15 + (0.7 * random.NextDouble())));
            landed += killCode == 137 ? 1 : 0;
        }

        var (finalCode, finalOutput) = Train(resumed, killAfter: null);
        Assert.True(finalCode == 0, finalOutput);

        Assert.True(landed >= 1, "no kill landed before a run finished");
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "weights.dat")), File.ReadAllBytes(Path.Combine(resumed, "weights.dat")));
        Assert.Equal(Losses(straight), Losses(resumed));
    }

    private (int ExitCode, string Output) Train(string outDir, TimeSpan? killAfter)
    {
        string itm = Path.Combine(AppContext.BaseDirectory, "itm");
        var start = new ProcessStartInfo(itm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "train", "--data", Path.Combine(root, "synthetic", "dataset.json"), "--out", outDir, "--cache", Path.Combine(root, "cache"),
            "--text", "bow", "--image", "convnet", "--pixels", "32", "--epochs", "4", "--batch", "16", "--dim", "16", "--threads", "1",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (killAfter is TimeSpan wait && !process.WaitForExit(wait))
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no handler runs, no file is closed
            process.WaitForExit();
            return (137, "");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Each epoch's number and training loss, from the model folder's history.</summary>
    private static List<(int, double)> Losses(string modelDir)
    {
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(modelDir, "history.json")));
        return [.. history.RootElement.GetProperty("epochs").EnumerateArray()
            .Select(e => (e.GetProperty("epoch").GetInt32(), e.GetProperty("train_loss").GetDouble()))];
    }
}
