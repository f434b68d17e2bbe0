using System.Text.Json;
using System.Text.Json.Serialization;
using Itm.Evaluation.Calibration;

namespace Itm.Evaluation;

/// <summary>What <c>itm eval --json FILE</c> writes: the evaluated set and its retrieval metrics.</summary>
/// <param name="Dataset">Dataset name (the Karpathy JSON's <c>dataset</c>).</param>
/// <param name="Split">Evaluated split, e.g. <c>test</c>.</param>
/// <param name="Images">Number of evaluated images (N).</param>
/// <param name="Sentences">Number of evaluated sentences (M).</param>
/// <param name="Metrics">i2t and t2i metrics, R@K as percentages.</param>
/// <remarks>Any <see cref="JsonSerializer"/> call writes and reads the documented contract, as <see cref="EvalReportJson"/> does.</remarks>
[JsonConverter(typeof(EvalReportJson.Converter))]
public sealed record EvalReport(string Dataset, string Split, int Images, int Sentences, RetrievalMetrics Metrics)
{
    /// <summary>Annotation metrics (each image a query over all sentences).</summary>
    public DirectionMetrics ImageToText => Metrics.ImageToText;

    /// <summary>Search metrics (each sentence a query over all images).</summary>
    public DirectionMetrics TextToImage => Metrics.TextToImage;

    /// <summary>Sum of the six R@1/5/10 values.</summary>
    public double RSum => Metrics.RSum;
}

/// <summary>
/// Reads and writes <see cref="EvalReport"/> in the contract of DESIGN.md:
/// <c>{"dataset", "split", "images", "sentences", "i2t": {"r1", "r5", "r10", "medr", "meanr"}, "t2i": {...}, "rsum"}</c>,
/// keys in that order, indented, LF line ends, numbers in their shortest round-trip form. <c>itm eval</c> on a calibrated
/// model adds a last key, <c>"calibration"</c> (see <see cref="CalibrationJson"/>); readers of the contract ignore it.
/// </summary>
public static class EvalReportJson
{
    /// <summary>Writes the report, creating the folder if needed and replacing any existing file.</summary>
    /// <param name="calibration">When given, written as the last key, <c>"calibration"</c>.</param>
    public static void Write(EvalReport report, string path, CalibrationQuality? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        MetricsJson.WriteFile(path, json => WriteTo(json, report, calibration));
    }

    /// <summary>The report as the JSON text <see cref="Write(EvalReport, string, CalibrationQuality)"/> puts in a file (without the final newline).</summary>
    public static string Serialize(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return MetricsJson.ToText(json => WriteTo(json, report));
    }

    /// <summary>Reads a report written by <see cref="Write(EvalReport, string, CalibrationQuality)"/> (or by hand in the same shape).</summary>
    /// <exception cref="InvalidDataException">The file is not JSON or lacks a key; the message names it.</exception>
    public static EvalReport Read(string path)
    {
        using var document = MetricsJson.ReadFile(path);
        return FromElement(document.RootElement, path);
    }

    private static void WriteTo(Utf8JsonWriter json, EvalReport report, CalibrationQuality? calibration = null)
    {
        json.WriteStartObject();
        json.WriteString("dataset", report.Dataset);
        json.WriteString("split", report.Split);
        json.WriteNumber("images", report.Images);
        json.WriteNumber("sentences", report.Sentences);
        MetricsJson.Write(json, "i2t", report.ImageToText);
        MetricsJson.Write(json, "t2i", report.TextToImage);
        json.WriteNumber("rsum", report.RSum);
        if (calibration is not null)
            CalibrationJson.WriteQuality(json, "calibration", calibration);
        json.WriteEndObject();
    }

    // "rsum" is derived from the six recalls, so it is written for readers but not read back.
    private static EvalReport FromElement(JsonElement root, string where) => new(
        MetricsJson.String(root, "dataset", where),
        MetricsJson.String(root, "split", where),
        MetricsJson.Int(root, "images", where),
        MetricsJson.Int(root, "sentences", where),
        new RetrievalMetrics(MetricsJson.ReadDirection(root, "i2t", where), MetricsJson.ReadDirection(root, "t2i", where)));

    /// <summary>Lets <see cref="JsonSerializer"/> use the contract wherever a report is nested (checkpoints, manifests).</summary>
    public sealed class Converter : JsonConverter<EvalReport>
    {
        public override EvalReport Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return FromElement(document.RootElement, "an evaluation report");
        }

        public override void Write(Utf8JsonWriter writer, EvalReport value, JsonSerializerOptions options) => WriteTo(writer, value);
    }
}
