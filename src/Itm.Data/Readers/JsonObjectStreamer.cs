using System.Text.Json;

namespace Itm.Data.Readers;

/// <summary>
/// Walks a JSON file whose top level is an object, handing large arrays over one element at a time. A COCO
/// captions file is ~100 MB; parsing it into one JsonDocument would hold the text and its whole token table at
/// once, while this holds only a buffer as large as the biggest single element.
/// </summary>
internal static class JsonObjectStreamer
{
    private const int InitialBufferBytes = 1 << 16;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private enum Phase
    {
        Start,
        Properties,
        Value,
        Elements,
        Done,
    }

    /// <summary>Walks <paramref name="path"/>; throws <see cref="DatasetFormatException"/> when it is unreadable or not valid JSON.</summary>
    public static void Walk(string path, IJsonObjectVisitor visitor)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            WalkStream(path, stream, visitor);
        }
        catch (JsonException ex)
        {
            int? line = ex.LineNumber is { } zeroBased ? (int)zeroBased + 1 : null;
            throw new DatasetFormatException(
                path, line, null, null, $"is not valid JSON ({ex.Message})",
                "Check that the file is complete and was not damaged or hand-edited; download or export it again", ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetFormatException(path, null, null, null, "does not exist", "Check the path", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatasetFormatException(
                path, null, null, null, $"cannot be read ({ex.Message})", "Check the path and the file's permissions", ex);
        }
    }

    private static void WalkStream(string path, Stream stream, IJsonObjectVisitor visitor)
    {
        byte[] buffer = new byte[InitialBufferBytes];
        int start = 0;
        int end = 0;
        bool endOfFile;
        bool first = true;
        var state = new JsonReaderState(ReaderOptions);
        var cursor = new Cursor();
        while (true)
        {
            // Make room: drop what is consumed, and grow only when one unread element fills the whole buffer.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int read = stream.Read(buffer, end, buffer.Length - end);
            endOfFile = read == 0;
            end += read;
            if (first && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
            {
                start = 3; // A UTF-8 byte-order mark, as some Windows editors write; the reader itself rejects it.
            }

            first = false;
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), endOfFile, state);
            Advance(path, ref reader, visitor, cursor);
            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (cursor.Phase == Phase.Done)
            {
                return;
            }

            if (endOfFile)
            {
                throw new DatasetFormatException(
                    path, null, null, null, "ends before its JSON is complete (the file is empty or truncated)",
                    "Download or export the file again");
            }
        }
    }

    // Consumes whole units only (a property name, a complete value, a complete array element); when the buffer
    // holds part of a unit it returns with the reader still before it, so the caller can refill and resume.
    private static void Advance(string path, ref Utf8JsonReader reader, IJsonObjectVisitor visitor, Cursor cursor)
    {
        while (true)
        {
            switch (cursor.Phase)
            {
                case Phase.Start:
                    if (!reader.Read())
                    {
                        return;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new DatasetFormatException(
                            path, null, null, null, $"starts with {reader.TokenType}, but its top level must be a JSON object {{...}}",
                            "Point at a dataset file (Karpathy split JSON or COCO captions JSON)");
                    }

                    cursor.Phase = Phase.Properties;
                    break;

                case Phase.Properties:
                    if (!reader.Read())
                    {
                        return;
                    }

                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        cursor.Phase = Phase.Done;
                        return;
                    }

                    try
                    {
                        cursor.Name = reader.GetString()!;
                    }
                    catch (InvalidOperationException ex)
                    {
                        // The parser checks a name's UTF-8 only when it is read, and says so with this exception type.
                        throw new DatasetFormatException(
                            path, null, null, null, "has a property name that is not valid UTF-8 text",
                            "Check that the file is complete and was not damaged or hand-edited; save it as UTF-8", ex);
                    }

                    cursor.Phase = Phase.Value;
                    break;

                case Phase.Value:
                {
                    var probe = reader;
                    if (!probe.Read())
                    {
                        return;
                    }

                    if (probe.TokenType == JsonTokenType.StartArray && visitor.StreamsArray(cursor.Name))
                    {
                        reader = probe;
                        cursor.Index = 0;
                        cursor.Phase = Phase.Elements;
                        break;
                    }

                    if (!JsonDocument.TryParseValue(ref probe, out JsonDocument? document))
                    {
                        return;
                    }

                    reader = probe;
                    cursor.Phase = Phase.Properties;
                    using (document)
                    {
                        if (!visitor.OnValue(cursor.Name, document.RootElement))
                        {
                            cursor.Phase = Phase.Done;
                            return;
                        }
                    }

                    break;
                }

                case Phase.Elements:
                {
                    var probe = reader;
                    if (!probe.Read())
                    {
                        return;
                    }

                    if (probe.TokenType == JsonTokenType.EndArray)
                    {
                        reader = probe;
                        cursor.Phase = Phase.Properties;
                        break;
                    }

                    if (!JsonDocument.TryParseValue(ref probe, out JsonDocument? document))
                    {
                        return;
                    }

                    reader = probe;
                    using (document)
                    {
                        if (!visitor.OnElement(cursor.Name, cursor.Index++, document.RootElement))
                        {
                            cursor.Phase = Phase.Done;
                            return;
                        }
                    }

                    break;
                }

                default:
                    return;
            }
        }
    }

    // Where the walk is between buffer refills; a class because Utf8JsonReader (a ref struct) is rebuilt per refill.
    private sealed class Cursor
    {
        public Phase Phase { get; set; } = Phase.Start;

        public string Name { get; set; } = "";

        public int Index { get; set; }
    }
}
