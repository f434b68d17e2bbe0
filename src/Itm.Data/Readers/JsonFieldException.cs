namespace Itm.Data.Readers;

/// <summary>
/// A field of one record is missing or of the wrong type. Thrown by <see cref="JsonFields"/> and caught by the
/// reader around that record, which turns it into a rejection of the record (throw or skip, as the options say).
/// </summary>
internal sealed class JsonFieldException : Exception
{
    public JsonFieldException()
    {
    }

    public JsonFieldException(string message)
        : base(message)
    {
    }

    public JsonFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
