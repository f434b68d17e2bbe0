using System.Text.Json;
using Itm.Evaluation.Calibration;

namespace Itm.Evaluation.Tests.Calibration;

/// <summary><c>calibration.json</c> round trips for both methods; a wrong file is an error naming it; eval's JSON gains one key.</summary>
public sealed class CalibrationJsonTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "itm-calibration-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<ScoreCalibration> Calibrations() =>
    [
        new PlattCalibration(12.5, -7.25),
        new IsotonicCalibration([-0.2, 0.3, 0.31, 0.8], [0, 0.1, 0.4, 0.95]),
    ];

    [Theory]
    [MemberData(nameof(Calibrations))]
    public void A_calibration_reads_back_as_it_was_written(ScoreCalibration calibration)
    {
        var fitted = new FittedCalibration(calibration, "tuxpaint", "val", 100, 120, new Reliability(12_000, 120, 0.001, 0.0075, []),
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        string path = Path.Combine(_folder, "model", "calibration.json");

        CalibrationJson.Write(fitted, path);
        var read = CalibrationJson.Read(path);

        Assert.Equal((fitted.Dataset, fitted.Split, fitted.Images, fitted.Sentences, fitted.CreatedUtc), (read.Dataset, read.Split, read.Images, read.Sentences, read.CreatedUtc));
        Assert.Equal((12_000L, 120L, 0.001, 0.0075), (read.Fit.Pairs, read.Fit.Positives, read.Fit.Ece, read.Fit.Brier));
        Assert.Equal(0.01, read.BaseRate);
        Assert.Equal(calibration.Method, read.Calibration.Method);
        foreach (double score in new[] { -1, 0, 0.3, 0.305, 0.5, 1 })
            Assert.Equal(calibration.Probability(score), read.Calibration.Probability(score));
    }

    [Fact]
    public void The_relevance_fitted_on_reads_back()
    {
        var fitted = new FittedCalibration(new PlattCalibration(3, -2), "oc", "val", 10, 12, new Reliability(120, 30, 0, 0, []),
            DateTimeOffset.UtcNow, CalibrationRelevance.CaptionTerms);
        string path = Path.Combine(_folder, "calibration.json");

        CalibrationJson.Write(fitted, path);

        Assert.Contains("\"relevance\": \"caption-terms\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains("\"formatVersion\": 2", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(CalibrationRelevance.CaptionTerms, CalibrationJson.Read(path).Relevance);
    }

    [Fact]
    public void A_version_1_file_loads_as_fitted_on_the_same_image_relevance()
    {
        string path = Path.Combine(_folder, "calibration.json");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(path, """
            {"format": "itm-calibration", "formatVersion": 1, "direction": "search", "method": "platt", "platt": {"a": 10, "b": -5},
             "fittedOn": {"dataset": "oc", "split": "val", "images": 100, "sentences": 150, "pairs": 15000, "positives": 150},
             "fit": {"ece": 0.001, "brier": 0.009}, "createdUtc": "2026-11-01T00:00:00.0000000+00:00"}
            """);

        var read = CalibrationJson.Read(path);

        Assert.Equal(CalibrationRelevance.SameImage, read.Relevance);
        Assert.Equal(1 / (1 + Math.Exp(-(10 * 0.4 - 5))), read.Calibration.Probability(0.4), 12);
        // One relevant image among N: the prior moves with the collection's size.
        Assert.IsType<PriorShiftedCalibration>(read.ForImages(400));
    }

    [Fact]
    public void A_caption_terms_calibration_applies_as_fitted_to_any_collection_size()
    {
        var fitted = new FittedCalibration(new PlattCalibration(3, -2), "oc", "val", 10, 12, new Reliability(120, 30, 0, 0, []),
            DateTimeOffset.UtcNow, CalibrationRelevance.CaptionTerms);

        Assert.Equal(fitted.Calibration.Probability(0.7), fitted.ForImages(5_000).Probability(0.7));
    }

    [Fact]
    public void Another_format_version_is_an_error_naming_the_file()
    {
        string path = Path.Combine(_folder, "calibration.json");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(path, """{"format": "itm-calibration", "formatVersion": 99}""");

        var error = Assert.Throws<InvalidDataException>(() => CalibrationJson.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("version 99", error.Message);
    }

    [Theory]
    [InlineData("format")]
    [InlineData("method")]
    [InlineData("createdUtc")]
    public void A_string_that_is_not_utf8_is_an_error_naming_the_file(string key)
    {
        // Shapes afl-fuzz found (fuzz/regressions/calibration-json): the JSON reader checks a string's UTF-8 only when it
        // is read, and its InvalidOperationException used to escape CalibrationJson.Read.
        var fitted = new FittedCalibration(new PlattCalibration(1, 0), "d", "val", 1, 1, new Reliability(2, 1, 0, 0, []), DateTimeOffset.UtcNow);
        string path = Path.Combine(_folder, "calibration.json");
        CalibrationJson.Write(fitted, path);
        byte[] bytes = File.ReadAllBytes(path);
        int at = System.Text.Encoding.ASCII.GetString(bytes).IndexOf($"\"{key}\": \"", StringComparison.Ordinal) + key.Length + 5;
        bytes[at] = 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => CalibrationJson.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Knots_out_of_order_are_an_error_naming_the_file()
    {
        var fitted = new FittedCalibration(new PlattCalibration(1, 0), "d", "val", 1, 1, new Reliability(2, 1, 0, 0, []), DateTimeOffset.UtcNow);
        string path = Path.Combine(_folder, "calibration.json");
        CalibrationJson.Write(fitted, path);
        string text = File.ReadAllText(path).Replace("\"method\": \"platt\"", "\"method\": \"isotonic\"", StringComparison.Ordinal)
            .Replace("\"platt\": {", "\"isotonic\": {\"scores\": [0.5, 0.1], \"probabilities\": [0, 1], ", StringComparison.Ordinal);
        File.WriteAllText(path, text);

        var error = Assert.Throws<InvalidDataException>(() => CalibrationJson.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("ascending", error.Message);
    }

    [Fact]
    public void Eval_json_with_a_calibration_keeps_the_contract_and_adds_one_key()
    {
        var report = new EvalReport("toy", "test", 2, 2, new RetrievalMetrics(new DirectionMetrics(50, 100, 100, 1, 1.5), new DirectionMetrics(50, 100, 100, 1, 1.5)));
        var counts = new ScoreCounts([0.0, 1.0], [2, 2], [0, 2]);
        var quality = CalibrationQuality.Measure(new PlattCalibration(4, -2), 0.5, new SearchPairs(counts, counts, 1, [1f, 1f]));
        string path = Path.Combine(_folder, "eval.json");

        EvalReportJson.Write(report, path, quality);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.Equal(["dataset", "split", "images", "sentences", "i2t", "t2i", "rsum", "calibration"], root.EnumerateObject().Select(p => p.Name));
        var calibration = root.GetProperty("calibration");
        Assert.Equal(["method", "relevance", "baseRate", "all", "topK", "top", "minPrecision"], calibration.EnumerateObject().Select(p => p.Name));
        Assert.Equal(quality.All.Ece, calibration.GetProperty("all").GetProperty("ece").GetDouble());
        Assert.Equal(CalibrationQuality.DefaultThresholds.Count, calibration.GetProperty("minPrecision").GetArrayLength());
        Assert.Equal(report, EvalReportJson.Read(path));
    }

    [Fact]
    public void The_reliability_plot_is_a_png()
    {
        var counts = new ScoreCounts([0.0, 0.5, 1.0], [100, 20, 10], [1, 8, 9]);
        var quality = CalibrationQuality.Measure(PlattCalibration.Fit(counts), 0.14, new SearchPairs(counts, counts, 1, [1f]));
        string path = Path.Combine(_folder, "plots", "reliability.png");

        ReliabilityPlot.Write(quality, path);

        byte[] png = File.ReadAllBytes(path);
        Assert.True(png.Length > 5_000, $"PNG is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
