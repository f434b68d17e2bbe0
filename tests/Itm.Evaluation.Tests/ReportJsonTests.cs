using System.Text.Json;

namespace Itm.Evaluation.Tests;

/// <summary>The <c>itm eval --json</c> contract and the training history file.</summary>
public sealed class ReportJsonTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "itm-eval-tests-" + Guid.NewGuid().ToString("N"));

    private static readonly EvalReport Report = new(
        "flickr8k", "test", 1000, 5000,
        new RetrievalMetrics(new DirectionMetrics(25.5, 50, 62.25, 5, 30.125), new DirectionMetrics(20, 45.5, 60, 7, 41.75)));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Report_is_written_in_the_documented_shape()
    {
        string path = Path.Combine(_folder, "sub", "eval.json");

        EvalReportJson.Write(Report, path);

        Assert.Equal(
            """
            {
              "dataset": "flickr8k",
              "split": "test",
              "images": 1000,
              "sentences": 5000,
              "i2t": {
                "r1": 25.5,
                "r5": 50,
                "r10": 62.25,
                "medr": 5,
                "meanr": 30.125
              },
              "t2i": {
                "r1": 20,
                "r5": 45.5,
                "r10": 60,
                "medr": 7,
                "meanr": 41.75
              },
              "rsum": 263.25
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            File.ReadAllText(path));
    }

    [Fact]
    public void Report_keys_are_exactly_the_contract()
    {
        using var document = JsonDocument.Parse(EvalReportJson.Serialize(Report));

        Assert.Equal(["dataset", "split", "images", "sentences", "i2t", "t2i", "rsum"], document.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (string direction in new[] { "i2t", "t2i" })
            Assert.Equal(["r1", "r5", "r10", "medr", "meanr"], document.RootElement.GetProperty(direction).EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Report_round_trips_exactly()
    {
        string path = Path.Combine(_folder, "eval.json");
        var computed = Report with { Metrics = RankMetrics.FromScores([0.9f, 0.1f, 0.3f, 0.2f, 0.5f, 0.4f], 2, 3, [0, 1, 1]).Metrics };

        EvalReportJson.Write(computed, path);

        Assert.Equal(computed, EvalReportJson.Read(path));
    }

    [Fact]
    public void Report_missing_a_key_names_it()
    {
        string path = Path.Combine(_folder, "bad.json");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(path, """{"dataset": "x", "split": "test", "images": 1, "sentences": 1, "i2t": {"r1": 1}}""");

        var error = Assert.Throws<InvalidDataException>(() => EvalReportJson.Read(path));

        Assert.Contains("\"r5\"", error.Message);
    }

    [Fact]
    public void History_round_trips_including_missing_validation()
    {
        string path = Path.Combine(_folder, "history.json");
        var history = new TrainingHistory(
        [
            new EpochRecord(1, 0.75, 120.5, 2e-4, 31.25, new DirectionMetrics(10, 30, 45, 12, 40.5), new DirectionMetrics(8, 25, 37.5, 16, 55)),
            new EpochRecord(2, 0.5, double.NaN, 2e-4, 30),
            new EpochRecord(3, double.NaN, 180, 1e-4, 29.5),
        ]);

        history.Save(path);
        var loaded = TrainingHistory.Load(path);

        Assert.Equal(history.Epochs, loaded.Epochs);
        Assert.Equal(3, loaded.Best?.Epoch);
        Assert.Contains("\"val_rsum\": null", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_serializer_uses_the_same_formats_when_nested()
    {
        var history = new TrainingHistory([new EpochRecord(1, 0.5, double.NaN, 1e-3, 12)]);
        var state = new SavedState(3, Report, history);

        string text = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<SavedState>(text)!;

        Assert.Contains("\"rsum\":263.25", text, StringComparison.Ordinal);
        Assert.Contains("\"val_rsum\":null", text, StringComparison.Ordinal);
        Assert.Equal(Report, back.Report);
        Assert.Equal(history.Epochs, back.History.Epochs);
    }

    [Fact]
    public void History_epochs_must_increase()
    {
        var history = new TrainingHistory([new EpochRecord(2, 1, 1, 1, 1)]);

        Assert.Throws<ArgumentException>(() => history.Add(new EpochRecord(2, 1, 1, 1, 1)));
    }

    // Stands in for a checkpoint's state record, which nests both types.
    private sealed record SavedState(int Step, EvalReport Report, TrainingHistory History);
}
