using System.Text.Json;

namespace Itm.Data.Readers;

/// <summary>
/// Reads a plain folder of images with a <c>captions.jsonl</c>: one <c>{"image": relative path, "caption": text}</c>
/// per line, optionally with <c>"split": "train|val|test"</c>. Several lines may name the same image (one caption each).
/// An image without a split gets one from a stable hash of its relative path (<see cref="DatasetReadOptions.SplitFractions"/>),
/// so re-runs agree. Image ids are the relative paths with forward slashes.
/// </summary>
public static class CaptionsJsonlReader
{
    /// <summary>The file this reader looks for in the folder.</summary>
    public const string FileName = "captions.jsonl";

    private const string LineRemedy =
        "Each line must be a JSON object {\"image\": \"relative/path.jpg\", \"caption\": \"...\"} with an optional \"split\" (train, val or test); fix or delete the line";

    /// <summary>Reads <c>folder/captions.jsonl</c>; images are relative to the folder unless <see cref="DatasetReadOptions.ImagesRoot"/> is set.</summary>
    public static CaptionDataset Read(string folder, DatasetReadOptions? options = null) =>
        ReadWithReport(folder, options).Dataset;

    /// <summary>Reads <c>folder/captions.jsonl</c> and reports what was skipped.</summary>
    public static DatasetReadResult ReadWithReport(string folder, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= DatasetReadOptions.Default;
        options.Validate();
        string fullFolder = Path.GetFullPath(folder);
        string jsonlPath = Path.Combine(fullFolder, FileName);
        if (!File.Exists(jsonlPath))
        {
            throw new DatasetFormatException(jsonlPath, null, null, null, "does not exist",
                $"Put a {FileName} in the folder, one {{\"image\": ..., \"caption\": ...}} per line");
        }

        string root = Path.GetFullPath(options.ImagesRoot ?? fullFolder);
        var assembler = new DatasetAssembler(jsonlPath, root, options);

        // Two passes: group the lines by image first, so an image's split does not depend on which of its lines comes first.
        var groups = new Dictionary<string, ImageLines>(StringComparer.Ordinal);
        var order = new List<ImageLines>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(jsonlPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (ParseLine(line, lineNumber, assembler) is not { } entry)
            {
                continue;
            }

            string key = ImagePaths.Key(root, entry.Image);
            if (!groups.TryGetValue(key, out ImageLines? group))
            {
                group = new ImageLines(key, entry.Image, lineNumber);
                groups.Add(key, group);
                order.Add(group);
            }

            if (entry.Split is { } split && group.Split is { } earlier && split != earlier)
            {
                assembler.Reject(SkipReason.InvalidRecord, lineNumber, $"image {key}",
                    $"split {split} conflicts with split {earlier} given on line {group.SplitLine}",
                    "Give every line of an image the same split, or leave the split out");
                continue;
            }

            if (entry.Split is not null && group.Split is null)
            {
                group.Split = entry.Split;
                group.SplitLine = lineNumber;
            }

            group.Captions.Add((lineNumber, entry.Caption));
        }

        foreach (ImageLines group in order)
        {
            Split split = group.Split ?? options.SplitFractions.Assign(group.Key);
            PendingImage? image = assembler.AddImage(group.Key, group.RelativePath, split, group.FirstLine, $"image {group.Key}");
            if (image is null)
            {
                continue;
            }

            foreach ((int captionLine, string caption) in group.Captions)
            {
                assembler.AddCaption(image, null, caption, null, captionLine, $"caption of {group.Key}");
            }
        }

        return assembler.Build(Path.GetFileName(fullFolder.TrimEnd(Path.DirectorySeparatorChar)));
    }

    private static Entry? ParseLine(string line, int lineNumber, DatasetAssembler assembler)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            JsonElement record = document.RootElement;
            JsonFields.RequireObject(record, "the line");
            string image = JsonFields.RequiredString(record, "image");
            string caption = JsonFields.RequiredString(record, "caption");
            Split? split = JsonFields.OptionalString(record, "split") is { } text ? SplitNames.Parse(text) : null;
            return new Entry(image, caption, split);
        }
        catch (JsonException ex)
        {
            assembler.Reject(SkipReason.InvalidRecord, lineNumber, "the line", $"it is not valid JSON ({ex.Message})", LineRemedy);
        }
        catch (JsonFieldException ex)
        {
            assembler.Reject(SkipReason.InvalidRecord, lineNumber, "the line", ex.Message, LineRemedy);
        }

        return null;
    }

    private readonly record struct Entry(string Image, string Caption, Split? Split);

    private sealed class ImageLines(string key, string relativePath, int firstLine)
    {
        public string Key { get; } = key;

        public string RelativePath { get; } = relativePath;

        public int FirstLine { get; } = firstLine;

        public Split? Split { get; set; }

        public int SplitLine { get; set; }

        public List<(int Line, string Caption)> Captions { get; } = [];
    }
}
