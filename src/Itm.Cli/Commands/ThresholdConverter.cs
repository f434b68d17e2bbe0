using System.ComponentModel;
using System.Globalization;
using Itm.Search.Duplicates;

namespace Itm.Cli.Commands;

/// <summary>Reads <c>--threshold</c> in the invariant culture ("0.9" on any machine), saying what to give when it is not a number.</summary>
public sealed class ThresholdConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        float.TryParse((string)value, NumberStyles.Float, CultureInfo.InvariantCulture, out float threshold) && float.IsFinite(threshold)
            ? threshold
            : throw new FormatException(DuplicateOptions.ThresholdAdvice((string)value, "--threshold"));
}
