namespace Itm.Model.Catalog;

/// <summary>A name that no encoder of the <see cref="EncoderCatalog"/> has; the message lists the known names.</summary>
public sealed class UnknownEncoderException : FormatException
{
    public UnknownEncoderException(string message)
        : base(message)
    {
    }
}
