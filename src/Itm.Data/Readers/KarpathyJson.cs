using System.Text.Json;

namespace Itm.Data.Readers;

/// <summary>
/// The interchange format: Karpathy's split JSON,
/// <c>{"dataset": NAME, "images": [{"filepath", "filename", "imgid", "split", "sentences": [{"raw", "tokens", "sentid"}]}]}</c>.
/// The image file is <c>&lt;folder of the JSON&gt;/&lt;filepath&gt;/&lt;filename&gt;</c>; <c>filepath</c> may be absent
/// (Flickr8k/30k files), and <see cref="DatasetReadOptions.ImagesRoot"/> replaces the folder of the JSON.
/// <c>restval</c> reads as <see cref="Split.Train"/>. Images may have any number of sentences.
/// </summary>
public static partial class KarpathyJson
{
    /// <summary>Reads a Karpathy split file. Throws <see cref="DatasetFormatException"/> on bad input unless skipping.</summary>
    public static CaptionDataset Read(string jsonPath, DatasetReadOptions? options = null) =>
        ReadWithReport(jsonPath, options).Dataset;

    /// <summary>Reads a Karpathy split file and reports what was skipped.</summary>
    public static DatasetReadResult ReadWithReport(string jsonPath, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        options ??= DatasetReadOptions.Default;
        options.Validate();
        string fullPath = Path.GetFullPath(jsonPath);
        string root = options.ImagesRoot is { } imagesRoot ? Path.GetFullPath(imagesRoot) : Path.GetDirectoryName(fullPath)!;
        var assembler = new DatasetAssembler(fullPath, root, options);
        var visitor = new Visitor(assembler);
        JsonObjectStreamer.Walk(fullPath, visitor);
        if (!visitor.SawImages)
        {
            throw new DatasetFormatException(fullPath, null, null, null, "has no images (its \"images\" array is missing or empty)",
                "A Karpathy split file looks like {\"dataset\": ..., \"images\": [{\"filename\", \"imgid\", \"split\", \"sentences\": [...]}]}");
        }

        return assembler.Build(visitor.DatasetName ?? Path.GetFileNameWithoutExtension(fullPath));
    }

    private sealed class Visitor(DatasetAssembler assembler) : IJsonObjectVisitor
    {
        private const string InvalidImageRemedy =
            "Each image needs \"filename\" (string), \"imgid\" (number or string), \"split\" (train|val|test|restval) and a \"sentences\" array; fix the image or remove it";

        private const string InvalidSentenceRemedy =
            "Each sentence needs \"raw\" (string) and may have \"tokens\" (array of strings) and \"sentid\" (whole number); fix the sentence or remove it";

        public bool SawImages { get; private set; }

        public string? DatasetName { get; private set; }

        public bool StreamsArray(string propertyName) => propertyName == "images";

        public bool OnValue(string propertyName, JsonElement value)
        {
            if (propertyName == "dataset")
            {
                DatasetName = value.ValueKind == JsonValueKind.String && JsonFields.TryGetText(value, out string? name)
                    ? name
                    : throw new DatasetFormatException(assembler.SourceFile, null, null, null,
                        value.ValueKind == JsonValueKind.String ? "\"dataset\" is not valid UTF-8 text" : $"\"dataset\" is {JsonFields.Describe(value)}, not a string",
                        "Write the dataset's name as a string, e.g. \"flickr8k\"");
            }
            else if (propertyName == "images")
            {
                throw new DatasetFormatException(assembler.SourceFile, null, null, null,
                    $"\"images\" is {JsonFields.Describe(value)}, not an array", "\"images\" must be an array of image objects");
            }

            return true;
        }

        public bool OnElement(string propertyName, int index, JsonElement element)
        {
            SawImages = true;
            string item = $"images[{index}]";
            string id;
            string relativePath;
            Split split;
            JsonElement sentences;
            try
            {
                JsonFields.RequireObject(element, "the image");
                id = JsonFields.RequiredId(element, "imgid");
                item = $"image imgid={id}";
                string filename = JsonFields.RequiredString(element, "filename");
                item = $"image imgid={id} ({filename})";
                relativePath = Path.Join(JsonFields.OptionalString(element, "filepath"), filename);
                split = SplitNames.Parse(JsonFields.RequiredString(element, "split"));
                sentences = JsonFields.RequiredArray(element, "sentences");
            }
            catch (JsonFieldException ex)
            {
                assembler.Reject(SkipReason.InvalidRecord, null, item, ex.Message, InvalidImageRemedy);
                return true;
            }

            PendingImage? image = assembler.AddImage(id, relativePath, split, null, item);
            if (image is null)
            {
                return true;
            }

            int position = 0;
            foreach (JsonElement sentence in sentences.EnumerateArray())
            {
                ReadSentence(image, sentence, $"{item}, sentences[{position++}]");
            }

            return true;
        }

        private void ReadSentence(PendingImage image, JsonElement sentence, string item)
        {
            long? sentenceId;
            string raw;
            IReadOnlyList<string>? tokens;
            try
            {
                JsonFields.RequireObject(sentence, "the sentence");
                sentenceId = JsonFields.OptionalInt64(sentence, "sentid");
                if (sentenceId is { } known)
                {
                    item = $"{image.Item}, sentid={known}";
                }

                raw = JsonFields.RequiredString(sentence, "raw");
                tokens = JsonFields.OptionalStringArray(sentence, "tokens");
            }
            catch (JsonFieldException ex)
            {
                assembler.Reject(SkipReason.InvalidRecord, null, item, ex.Message, InvalidSentenceRemedy);
                return;
            }

            // Given tokens are kept (they are the published ones); an empty list is treated as absent.
            assembler.AddCaption(image, sentenceId, raw, tokens is { Count: > 0 } ? tokens : null, null, item);
        }
    }
}
