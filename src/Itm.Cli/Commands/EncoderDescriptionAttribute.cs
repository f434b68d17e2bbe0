using System.ComponentModel;
using Itm.Model.Catalog;

namespace Itm.Cli.Commands;

/// <summary>Which channel's encoders an option names.</summary>
public enum EncoderChannel
{
    Text,
    Image,
}

/// <summary>
/// The help text of an option that names an encoder: every encoder of the <see cref="EncoderCatalog"/> with its one-line
/// summary, so an encoder added to the catalog shows in the help without touching the command line.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EncoderDescriptionAttribute(EncoderChannel channel, string lead) : DescriptionAttribute
{
    public override string Description => channel switch
    {
        EncoderChannel.Text => $"{lead}: {string.Join(", ", EncoderCatalog.Text.Select(s => $"{s.Name} ({s.Summary})"))}.",
        _ => $"{lead}: {string.Join(", ", EncoderCatalog.Image.Select(s => $"{s.Name} ({s.Summary})"))}.",
    };
}
