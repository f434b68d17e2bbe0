using System.Globalization;
using System.Text.Json;

namespace Itm.Evaluation.Calibration;

/// <summary>
/// Reads and writes <c>calibration.json</c>, a model folder's calibration of search scores:
/// <c>{"format": "itm-calibration", "formatVersion": 2, "direction": "search", "method": "platt"|"isotonic",
/// "platt": {"a", "b"} | "isotonic": {"scores": [...], "probabilities": [...]}, "fittedOn": {"dataset", "split",
/// "relevance": "caption-terms"|"same-image", "images", "sentences", "pairs", "positives"}, "fit": {"ece", "brier"},
/// "createdUtc"}</c>. Version 1 files have no <c>"relevance"</c> and were all fitted on the same-image relevance;
/// they still load as such. Writes a
/// <see cref="CalibrationQuality"/> as the <c>"calibration"</c> object of <c>itm eval --json</c>.
/// </summary>
public static class CalibrationJson
{
    public const string FormatName = "itm-calibration";
    public const int FormatVersion = 2;

    /// <summary>The first format: no <c>fittedOn.relevance</c>, which was always <see cref="CalibrationRelevance.SameImage"/>.</summary>
    public const int SameImageFormatVersion = 1;

    /// <summary>Writes the file through a temporary file, so a reader never sees half of it.</summary>
    public static void Write(FittedCalibration fitted, string path)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        MetricsJson.WriteFile(path, json =>
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("direction", "search");
            json.WriteString("method", fitted.Calibration.Method);
            switch (fitted.Calibration)
            {
                case PlattCalibration platt:
                    json.WriteStartObject("platt");
                    json.WriteNumber("a", platt.A);
                    json.WriteNumber("b", platt.B);
                    json.WriteEndObject();
                    break;
                case IsotonicCalibration isotonic:
                    json.WriteStartObject("isotonic");
                    WriteArray(json, "scores", isotonic.Scores);
                    WriteArray(json, "probabilities", isotonic.Probabilities);
                    json.WriteEndObject();
                    break;
                default:
                    throw new ArgumentException($"No file format for a {fitted.Calibration.Method} calibration.", nameof(fitted));
            }

            json.WriteStartObject("fittedOn");
            json.WriteString("dataset", fitted.Dataset);
            json.WriteString("split", fitted.Split);
            json.WriteString("relevance", CalibrationRelevanceNames.Of(fitted.Relevance));
            json.WriteNumber("images", fitted.Images);
            json.WriteNumber("sentences", fitted.Sentences);
            json.WriteNumber("pairs", fitted.Fit.Pairs);
            json.WriteNumber("positives", fitted.Fit.Positives);
            json.WriteEndObject();
            json.WriteStartObject("fit");
            json.WriteNumber("ece", fitted.Fit.Ece);
            json.WriteNumber("brier", fitted.Fit.Brier);
            json.WriteEndObject();
            json.WriteString("createdUtc", fitted.CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        });
    }

    /// <summary>Reads a file written by <see cref="Write"/>, or returns null when there is no file at <paramref name="path"/>.</summary>
    public static FittedCalibration? ReadIfPresent(string path) => File.Exists(path) ? Read(path) : null;

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Not JSON, another format or version, or a key missing or out of range; the message names the file.</exception>
    public static FittedCalibration Read(string path)
    {
        using var document = MetricsJson.ReadFile(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
            || !format.ValueEquals(FormatName))
            throw new InvalidDataException($"{path} is not an itm calibration file (\"format\": \"{FormatName}\").");
        int version = MetricsJson.Int(root, "formatVersion", path);
        if (version is not (SameImageFormatVersion or FormatVersion))
            throw new InvalidDataException(
                $"{path} has calibration format version {version}; this itm reads versions {SameImageFormatVersion} and {FormatVersion}. Fit it again with `itm calibrate`.");

        string method = MetricsJson.String(root, "method", path);
        try
        {
            ScoreCalibration calibration = method switch
            {
                "platt" => new PlattCalibration(
                    MetricsJson.Number(MetricsJson.Property(root, "platt", path), "a", path),
                    MetricsJson.Number(MetricsJson.Property(root, "platt", path), "b", path)),
                "isotonic" => new IsotonicCalibration(
                    ReadArray(MetricsJson.Property(root, "isotonic", path), "scores", path),
                    ReadArray(MetricsJson.Property(root, "isotonic", path), "probabilities", path)),
                _ => throw new InvalidDataException($"{path} has calibration method \"{method}\"; this itm knows platt and isotonic."),
            };
            var fittedOn = MetricsJson.Property(root, "fittedOn", path);
            var fit = MetricsJson.Property(root, "fit", path);
            string created = MetricsJson.String(root, "createdUtc", path);
            var relevance = CalibrationRelevance.SameImage;
            if (version != SameImageFormatVersion)
            {
                string name = MetricsJson.String(fittedOn, "relevance", path);
                relevance = CalibrationRelevanceNames.Parse(name)
                    ?? throw new InvalidDataException($"{path} has calibration relevance \"{name}\"; this itm knows caption-terms and same-image.");
            }

            return new FittedCalibration(
                calibration,
                MetricsJson.String(fittedOn, "dataset", path),
                MetricsJson.String(fittedOn, "split", path),
                MetricsJson.Int(fittedOn, "images", path),
                MetricsJson.Int(fittedOn, "sentences", path),
                new Reliability((long)MetricsJson.Number(fittedOn, "pairs", path), (long)MetricsJson.Number(fittedOn, "positives", path),
                    MetricsJson.Number(fit, "ece", path), MetricsJson.Number(fit, "brier", path), []),
                DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                relevance);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a valid calibration: {e.Message}", e);
        }
    }

    /// <summary>The <c>"calibration"</c> object of the eval report.</summary>
    internal static void WriteQuality(Utf8JsonWriter json, string name, CalibrationQuality quality)
    {
        json.WriteStartObject(name);
        json.WriteString("method", quality.Method);
        json.WriteString("relevance", CalibrationRelevanceNames.Of(quality.Relevance));
        json.WriteNumber("baseRate", quality.BaseRate);
        WriteReliability(json, "all", quality.All, quality.AllBaseRate);
        json.WriteNumber("topK", quality.TopK);
        WriteReliability(json, "top", quality.Top, quality.TopBaseRate);
        json.WriteStartArray("minPrecision");
        foreach (var check in quality.Thresholds)
        {
            json.WriteStartObject();
            json.WriteNumber("threshold", check.MinPrecision);
            json.WriteNumber("results", check.Results);
            WriteNumberOrNull(json, "precision", check.Precision);
            json.WriteNumber("queriesAnswered", check.QueriesAnswered);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (quality.AnyMatch is { } any)
        {
            json.WriteStartObject("anyMatch");
            json.WriteNumber("queries", any.Queries);
            json.WriteNumber("withMatch", any.WithMatch);
            WriteNumberOrNull(json, "auroc", any.Auroc);
            json.WriteNumber("ece", any.Ece);
            json.WriteNumber("threshold", any.Threshold);
            WriteNumberOrNull(json, "bannerWithMatch", any.BannerWithMatch);
            WriteNumberOrNull(json, "bannerWithoutMatch", any.BannerWithoutMatch);
            json.WriteEndObject();
        }

        if (quality.LeftOut is { } left)
        {
            json.WriteStartObject("answerability");
            json.WriteStartArray("leftOut");
            foreach (string folder in left.LeftOut)
                json.WriteStringValue(folder);
            json.WriteEndArray();
            json.WriteNumber("answerable", left.Answerable);
            json.WriteNumber("unanswerable", left.Unanswerable);
            WriteNumberOrNull(json, "auroc", left.Auroc);
            json.WriteNumber("threshold", left.Threshold);
            WriteNumberOrNull(json, "bannerAnswerable", left.BannerAnswerable);
            WriteNumberOrNull(json, "bannerUnanswerable", left.BannerUnanswerable);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteReliability(Utf8JsonWriter json, string name, Reliability calibrated, Reliability baseRate)
    {
        json.WriteStartObject(name);
        json.WriteNumber("pairs", calibrated.Pairs);
        json.WriteNumber("positives", calibrated.Positives);
        json.WriteNumber("ece", calibrated.Ece);
        json.WriteNumber("brier", calibrated.Brier);
        json.WriteNumber("baseRateEce", baseRate.Ece);
        json.WriteNumber("baseRateBrier", baseRate.Brier);
        json.WriteStartArray("reliability");
        foreach (var bin in calibrated.Bins)
        {
            json.WriteStartObject();
            json.WriteNumber("lower", bin.Lower);
            json.WriteNumber("upper", bin.Upper);
            json.WriteNumber("pairs", bin.Pairs);
            json.WriteNumber("predicted", bin.MeanPredicted);
            json.WriteNumber("observed", bin.Observed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
            json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    private static double[] ReadArray(JsonElement parent, string name, string path)
    {
        var array = MetricsJson.Property(parent, name, path);
        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            throw new InvalidDataException($"\"{name}\" in {path} must be an array of numbers.");
        return [.. array.EnumerateArray().Select(v => v.GetDouble())];
    }
}
