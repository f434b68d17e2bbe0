using System.ComponentModel;
using System.Globalization;

namespace Itm.Cli.Commands;

/// <summary>
/// Reads a number option in the invariant culture ("0.9" on any machine). Text that is not a finite number reads as
/// NaN, so the settings' validation refuses it with a message that names the option and what to give.
/// </summary>
public sealed class InvariantFloatConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        float.TryParse((string)value, NumberStyles.Float, CultureInfo.InvariantCulture, out float number) && float.IsFinite(number) ? number : float.NaN;
}
