namespace Itm.Evaluation.Tests;

/// <summary>The training-history plot renders to a real PNG on a machine with no font configuration.</summary>
public sealed class HistoryPlotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "itm-plot-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Plot_is_written_as_a_png()
    {
        var history = new TrainingHistory(Enumerable.Range(1, 12).Select(e =>
            new EpochRecord(e, 1.2 / Math.Sqrt(e), e == 4 ? double.NaN : 300 * (1 - Math.Exp(-e / 4.0)), 2e-4, 30)));
        string path = Path.Combine(_folder, "model", "history.png");

        HistoryPlot.Write(history, path);

        byte[] png = File.ReadAllBytes(path);
        Assert.True(png.Length > 5_000, $"PNG is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void Single_epoch_history_still_plots()
    {
        string path = Path.Combine(_folder, "one.png");

        HistoryPlot.Write(new TrainingHistory([new EpochRecord(1, 0.4, 200, 1e-3, 10)]), path);

        Assert.True(new FileInfo(path).Length > 0);
    }

    [Fact]
    public void Empty_history_is_a_clear_error() =>
        Assert.Throws<ArgumentException>(() => HistoryPlot.Write(new TrainingHistory(), Path.Combine(_folder, "none.png")));
}
