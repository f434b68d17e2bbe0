using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itm.Evaluation;

/// <summary>One finished epoch of training.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch (NaN if it diverged).</param>
/// <param name="ValRSum">Validation R-sum after the epoch (NaN when validation was skipped).</param>
/// <param name="LearningRate">Learning rate used during the epoch.</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
/// <param name="ValI2T">Validation annotation metrics, when computed.</param>
/// <param name="ValT2I">Validation search metrics, when computed.</param>
public sealed record EpochRecord(
    int Epoch, double TrainLoss, double ValRSum, double LearningRate, double Seconds,
    DirectionMetrics? ValI2T = null, DirectionMetrics? ValT2I = null);

/// <summary>
/// The per-epoch record a model folder keeps next to its weights (losses and validation R-sum per epoch),
/// saved as <c>{"epochs": [{"epoch", "train_loss", "val_rsum", "learning_rate", "seconds", "val_i2t", "val_t2i"}]}</c>.
/// Non-finite numbers (a diverged loss, a skipped validation) are written as JSON null and read back as NaN.
/// Any <see cref="JsonSerializer"/> call (a checkpoint's state, for instance) uses the same format.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>An empty history.</summary>
    public TrainingHistory()
    {
    }

    /// <summary>A history holding <paramref name="epochs"/>, in increasing epoch order.</summary>
    public TrainingHistory(IEnumerable<EpochRecord> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        foreach (var epoch in epochs)
            Add(epoch);
    }

    /// <summary>The epochs, in increasing epoch order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>The epoch with the highest validation R-sum (the one early stopping keeps), or null when none was validated.</summary>
    public EpochRecord? Best => _epochs.Where(e => !double.IsNaN(e.ValRSum)).MaxBy(e => e.ValRSum);

    /// <summary>Appends an epoch; epochs must arrive in increasing order (a resumed run continues the numbering).</summary>
    public void Add(EpochRecord epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        if (_epochs.Count > 0 && epoch.Epoch <= _epochs[^1].Epoch)
            throw new ArgumentException($"Epoch {epoch.Epoch} does not follow epoch {_epochs[^1].Epoch}.", nameof(epoch));
        _epochs.Add(epoch);
    }

    /// <summary>Writes the history as indented JSON, creating the folder if needed.</summary>
    public void Save(string path) => MetricsJson.WriteFile(path, WriteTo);

    /// <summary>Reads a history written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON or lacks a key; the message names it.</exception>
    public static TrainingHistory Load(string path)
    {
        using var document = MetricsJson.ReadFile(path);
        return FromElement(document.RootElement, path);
    }

    private void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartArray("epochs");
        foreach (var epoch in _epochs)
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", epoch.Epoch);
            WriteNumberOrNull(json, "train_loss", epoch.TrainLoss);
            WriteNumberOrNull(json, "val_rsum", epoch.ValRSum);
            WriteNumberOrNull(json, "learning_rate", epoch.LearningRate);
            WriteNumberOrNull(json, "seconds", epoch.Seconds);
            WriteMetricsOrNull(json, "val_i2t", epoch.ValI2T);
            WriteMetricsOrNull(json, "val_t2i", epoch.ValT2I);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static TrainingHistory FromElement(JsonElement root, string where)
    {
        var epochs = MetricsJson.Property(root, "epochs", where);
        if (epochs.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"\"epochs\" in {where} must be an array.");

        var history = new TrainingHistory();
        int index = 0;
        foreach (var item in epochs.EnumerateArray())
        {
            string at = $"epochs[{index++}] of {where}";
            history.Add(new EpochRecord(
                MetricsJson.Int(item, "epoch", at),
                NumberOrNaN(item, "train_loss", at),
                NumberOrNaN(item, "val_rsum", at),
                NumberOrNaN(item, "learning_rate", at),
                NumberOrNaN(item, "seconds", at),
                MetricsOrNull(item, "val_i2t", at),
                MetricsOrNull(item, "val_t2i", at)));
        }

        return history;
    }

    // JSON has no NaN or infinity; null keeps the file valid for every reader.
    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }

    private static void WriteMetricsOrNull(Utf8JsonWriter json, string name, DirectionMetrics? metrics)
    {
        if (metrics is null)
            json.WriteNull(name);
        else
            MetricsJson.Write(json, name, metrics);
    }

    private static double NumberOrNaN(JsonElement item, string name, string where) =>
        MetricsJson.Property(item, name, where).ValueKind == JsonValueKind.Null ? double.NaN : MetricsJson.Number(item, name, where);

    private static DirectionMetrics? MetricsOrNull(JsonElement item, string name, string where)
    {
        // Optional: older or hand-written histories may omit the per-direction metrics.
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return MetricsJson.ReadDirectionElement(value, $"{name} in {where}");
    }

    /// <summary>Lets <see cref="JsonSerializer"/> write the history file format wherever a history is nested.</summary>
    public sealed class Converter : JsonConverter<TrainingHistory>
    {
        public override TrainingHistory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return FromElement(document.RootElement, "a training history");
        }

        public override void Write(Utf8JsonWriter writer, TrainingHistory value, JsonSerializerOptions options) => value.WriteTo(writer);
    }
}
