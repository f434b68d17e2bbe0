using System.Text;
using System.Text.Json;

namespace Itm.Search.Duplicates;

/// <summary>
/// The <c>--json</c> output of <c>itm duplicates</c>: a contract, documented in docs/collection.md and pinned by a test.
/// <c>{"version": 1, "command": "duplicates", "index": DIR, "threshold": T, "images": N, "redundant": R, "groups": [...]}</c>;
/// a group is <c>{"size", "images": [...]}</c>, the representative first, and an image <c>{"id", "path", "relativePath", "similarity"}</c>.
/// </summary>
public static class DuplicatesJson
{
    public const int Version = 1;

    public static string Write(string indexDir, DuplicateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteString("command", "duplicates");
            writer.WriteString("index", Path.GetFullPath(indexDir));
            writer.WriteNumber("threshold", report.Threshold);
            writer.WriteNumber("images", report.Images);
            writer.WriteNumber("redundant", report.Redundant);
            writer.WriteStartArray("groups");
            foreach (var group in report.Groups)
            {
                writer.WriteStartObject();
                writer.WriteNumber("size", group.Images.Count);
                writer.WriteStartArray("images");
                foreach (var image in group.Images)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", image.Id);
                    writer.WriteString("path", image.Path);
                    writer.WriteString("relativePath", image.RelativePath);
                    writer.WriteNumber("similarity", image.Similarity);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
