using System.ComponentModel;
using System.Globalization;
using Itm.Evaluation.Calibration;

namespace Itm.Cli.Commands;

/// <summary>Reads <c>--relevance caption-terms|scenes|same-image</c>: the names calibration.json uses, not the enum's.</summary>
public sealed class CalibrationRelevanceConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        CalibrationRelevanceNames.Parse(((string)value).Trim().ToLowerInvariant())
        ?? throw new FormatException($"--relevance must be caption-terms, scenes or same-image, not \"{value}\".");
}
