using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Itm.Data.IO;

namespace Itm.Data.Readers;

public static partial class KarpathyJson
{
    // Non-ASCII captions stay readable in the file; the HTML-safety escaping of the default encoder is pointless here.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <paramref name="dataset"/> as a Karpathy split file, atomically (temporary file, then rename). Image paths
    /// are written relative to <paramref name="imagesRoot"/> (default: the JSON's folder) as <c>filepath</c> (folder)
    /// plus <c>filename</c>; read the file back with the same <see cref="DatasetReadOptions.ImagesRoot"/>. Splits are
    /// written lower-case, tokens are written, and numeric image ids are written as numbers.
    /// </summary>
    /// <exception cref="ArgumentException">An image lies outside the images root.</exception>
    public static void Write(CaptionDataset dataset, string jsonPath, string? imagesRoot = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(jsonPath);
        string fullPath = Path.GetFullPath(jsonPath);
        string root = Path.GetFullPath(imagesRoot ?? Path.GetDirectoryName(fullPath)!);

        // Check every path first: an image outside the root would be written as "../x", which the reader refuses.
        var relativePaths = dataset.Images.Select(image => RelativePath(root, image)).ToList();
        AtomicFile.Write(fullPath, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, WriterOptions);
            writer.WriteStartObject();
            writer.WriteString("dataset", dataset.Name);
            writer.WriteStartArray("images");
            for (int i = 0; i < dataset.Images.Count; i++)
            {
                WriteImage(writer, dataset.Images[i], relativePaths[i]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static void WriteImage(Utf8JsonWriter writer, CaptionedImage image, string relativePath)
    {
        int slash = relativePath.LastIndexOf('/');
        writer.WriteStartObject();
        writer.WriteString("filepath", slash < 0 ? "" : relativePath[..slash]);
        writer.WriteString("filename", slash < 0 ? relativePath : relativePath[(slash + 1)..]);
        WriteId(writer, "imgid", image.Id);
        writer.WriteString("split", SplitNames.Format(image.Split));
        writer.WriteStartArray("sentids");
        foreach (Caption caption in image.Captions)
        {
            writer.WriteNumberValue(caption.SentenceId);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("sentences");
        foreach (Caption caption in image.Captions)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("tokens");
            foreach (string token in caption.Tokens)
            {
                writer.WriteStringValue(token);
            }

            writer.WriteEndArray();
            writer.WriteString("raw", caption.Raw);
            WriteId(writer, "imgid", image.Id);
            writer.WriteNumber("sentid", caption.SentenceId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Ids that are canonical whole numbers go out as numbers, as in Karpathy's files; "007" stays a string so it reads back as "007".
    private static void WriteId(Utf8JsonWriter writer, string name, string id)
    {
        if (long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
            && number.ToString(CultureInfo.InvariantCulture) == id)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteString(name, id);
        }
    }

    private static string RelativePath(string root, CaptionedImage image)
    {
        string full = Path.GetFullPath(image.ImagePath);
        if (!ImagePaths.IsInside(root, full))
        {
            throw new ArgumentException(
                $"Image {image.Id} ({full}) is not inside {root}, so it cannot be written relative to it. " +
                "Pass an imagesRoot that holds every image, or copy the images under the JSON's folder.");
        }

        return Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
    }
}
