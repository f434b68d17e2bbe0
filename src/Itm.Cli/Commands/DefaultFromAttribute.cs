using System.ComponentModel;
using System.Reflection;

namespace Itm.Cli.Commands;

/// <summary>
/// The default of a command-line option, read from the library's option record that owns it, so that the help's
/// DEFAULT column and the records cannot drift: <c>[DefaultFrom(typeof(TrainerOptions), "Loss.Margin")]</c> shows
/// <c>new TrainerOptions().Loss.Margin</c>. Values the command line spells as text (negatives, encoder specs) show as
/// their text. The option's property starts from the same record value; a test checks every option that the two agree.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultFromAttribute : DefaultValueAttribute
{
    public DefaultFromAttribute(Type record, string path)
        : base(null)
    {
        Record = record;
        Path = path;
    }

    /// <summary>The option record, built with its parameterless constructor.</summary>
    public Type Record { get; }

    /// <summary>The property path in it, dot-separated.</summary>
    public string Path { get; }

    public override object? Value => Read(Record, Path);

    /// <summary>
    /// <paramref name="path"/> in a new <paramref name="record"/>, as the command line spells it: enums and numbers as
    /// they are, lists comma-separated (enums in lower case), anything else as its text.
    /// </summary>
    public static object? Read(Type record, string path)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(path);
        object? value = Activator.CreateInstance(record);
        foreach (string name in path.Split('.'))
        {
            var property = value?.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{record.Name} has no property path {path}.");
            value = property.GetValue(value);
        }

        return value switch
        {
            null or Enum or string => value,
            _ when value.GetType().IsPrimitive => value,
            System.Collections.IEnumerable items => string.Join(',', items.Cast<object>().Select(i => i is Enum ? i.ToString()!.ToLowerInvariant() : i.ToString())),
            _ => value.ToString(),
        };
    }

    /// <summary>The text form of <see cref="Read"/>, for the options the command line takes as text.</summary>
    public static string ReadText(Type record, string path) => Read(record, path)?.ToString() ?? string.Empty;
}
