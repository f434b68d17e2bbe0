using System.Text;

namespace Itm.Data.Readers;

/// <summary>
/// A dataset file could not be read as its format requires. The message names the file, the line (for line-based
/// files) or the item (image id, file name, sentence id), says what is wrong and what to do about it.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException()
    {
    }

    public DatasetFormatException(string message)
        : base(message)
    {
    }

    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal DatasetFormatException(
        string filePath, int? lineNumber, string? item, SkipReason? reason, string problem, string remedy, Exception? innerException = null)
        : base(Compose(filePath, lineNumber, item, reason, problem, remedy), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Item = item;
        Reason = reason;
    }

    /// <summary>The dataset file at fault.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line of the fault in a line-based file (<c>captions.jsonl</c>, Flickr8k lists), or of a JSON syntax error.</summary>
    public int? LineNumber { get; }

    /// <summary>The image or caption at fault, e.g. <c>image imgid=3 (a.jpg)</c>.</summary>
    public string? Item { get; }

    /// <summary>Set when the fault is one that <see cref="DatasetReadOptions.SkipInvalid"/> would have skipped.</summary>
    public SkipReason? Reason { get; }

    private static string Compose(string filePath, int? lineNumber, string? item, SkipReason? reason, string problem, string remedy)
    {
        var message = new StringBuilder(filePath);
        if (lineNumber is { } line)
        {
            message.Append(", line ").Append(line);
        }

        if (item is not null)
        {
            message.Append(", ").Append(item);
        }

        message.Append(": ").Append(problem.TrimEnd('.')).Append(". ").Append(remedy.TrimEnd('.')).Append('.');
        if (reason is not null)
        {
            message.Append(" Or read with SkipInvalid (--skip-invalid) to skip such items and count them in the report.");
        }

        return message.ToString();
    }
}
