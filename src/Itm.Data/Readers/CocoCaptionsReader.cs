using System.Text.Json;

namespace Itm.Data.Readers;

/// <summary>
/// Reads COCO caption annotations: <c>{"images": [{"id", "file_name", ...}], "annotations": [{"image_id", "id", "caption"}]}</c>,
/// one file per split. Image ids are COCO's, annotation ids become sentence ids, and images keep the order of the
/// <c>"images"</c> array, each with its captions in annotation order.
/// </summary>
public static class CocoCaptionsReader
{
    private const string ImageRemedy = "Each image needs \"id\" (number) and \"file_name\" (string); fix the image or remove it";

    private const string AnnotationRemedy =
        "Each annotation needs \"image_id\" (an id from \"images\"), \"caption\" (string) and may have \"id\" (number); fix the annotation or remove it";

    /// <summary>Reads the given files into one dataset. Throws <see cref="DatasetFormatException"/> on bad input unless skipping.</summary>
    public static CaptionDataset Read(IReadOnlyList<CocoSplitSource> sources, DatasetReadOptions? options = null) =>
        ReadWithReport(sources, options).Dataset;

    /// <summary>Reads the given files into one dataset and reports what was skipped.</summary>
    public static DatasetReadResult ReadWithReport(IReadOnlyList<CocoSplitSource> sources, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ArgumentException("Give at least one COCO captions file.", nameof(sources));
        }

        options ??= DatasetReadOptions.Default;
        options.Validate();
        DatasetAssembler? assembler = null;
        foreach (CocoSplitSource source in sources)
        {
            string jsonPath = Path.GetFullPath(source.CaptionsJson);
            if (assembler is null)
            {
                assembler = new DatasetAssembler(jsonPath, source.ImagesDir, options);
            }
            else
            {
                assembler.SetSource(jsonPath, source.ImagesDir);
            }

            ReadFile(jsonPath, source.Split, assembler);
        }

        return assembler!.Build("coco");
    }

    private static void ReadFile(string jsonPath, Split split, DatasetAssembler assembler)
    {
        var visitor = new Visitor(assembler);
        JsonObjectStreamer.Walk(jsonPath, visitor);
        if (!visitor.SawImages || !visitor.SawAnnotations)
        {
            string missing = visitor.SawImages ? "annotations" : "images";
            throw new DatasetFormatException(jsonPath, null, null, null, $"has no {missing} (its \"{missing}\" array is missing or empty)",
                "Use a COCO captions file (captions_train2014.json, captions_val2014.json, ...); image_info_* files hold no captions");
        }

        // Annotations are grouped first because a file may list them before its images.
        var captionsByImage = new Dictionary<string, List<Annotation>>(StringComparer.Ordinal);
        foreach (Annotation annotation in visitor.Annotations)
        {
            if (!visitor.ImageIds.Contains(annotation.ImageId))
            {
                assembler.Reject(SkipReason.InvalidRecord, null, annotation.Item,
                    $"image_id {annotation.ImageId} is not in this file's \"images\"", AnnotationRemedy);
                continue;
            }

            if (!captionsByImage.TryGetValue(annotation.ImageId, out var list))
            {
                list = [];
                captionsByImage.Add(annotation.ImageId, list);
            }

            list.Add(annotation);
        }

        foreach (CocoImage cocoImage in visitor.Images)
        {
            PendingImage? image = assembler.AddImage(cocoImage.Id, cocoImage.FileName, split, null, cocoImage.Item);
            if (image is null)
            {
                continue;
            }

            foreach (Annotation annotation in captionsByImage.GetValueOrDefault(cocoImage.Id) ?? [])
            {
                assembler.AddCaption(image, annotation.SentenceId, annotation.Caption, null, null, annotation.Item);
            }
        }
    }

    private readonly record struct CocoImage(string Id, string FileName, string Item);

    private readonly record struct Annotation(long? SentenceId, string ImageId, string Caption, string Item);

    private sealed class Visitor(DatasetAssembler assembler) : IJsonObjectVisitor
    {
        public List<CocoImage> Images { get; } = [];

        /// <summary>Every image id in the file, including images rejected as invalid, so their captions are not reported twice.</summary>
        public HashSet<string> ImageIds { get; } = new(StringComparer.Ordinal);

        public List<Annotation> Annotations { get; } = [];

        public bool SawImages { get; private set; }

        public bool SawAnnotations { get; private set; }

        public bool StreamsArray(string propertyName) => propertyName is "images" or "annotations";

        public bool OnValue(string propertyName, JsonElement value)
        {
            if (propertyName is "images" or "annotations")
            {
                throw new DatasetFormatException(assembler.SourceFile, null, null, null,
                    $"\"{propertyName}\" is {JsonFields.Describe(value)}, not an array", "Use an unmodified COCO captions file");
            }

            return true;
        }

        public bool OnElement(string propertyName, int index, JsonElement element)
        {
            if (propertyName == "images")
            {
                SawImages = true;
                ReadImage(index, element);
            }
            else
            {
                SawAnnotations = true;
                ReadAnnotation(index, element);
            }

            return true;
        }

        private void ReadImage(int index, JsonElement element)
        {
            string item = $"images[{index}]";
            try
            {
                JsonFields.RequireObject(element, "the image");
                string id = JsonFields.RequiredId(element, "id");
                ImageIds.Add(id);
                item = $"image id={id}";
                string fileName = JsonFields.RequiredString(element, "file_name");
                Images.Add(new CocoImage(id, fileName, $"image id={id} ({fileName})"));
            }
            catch (JsonFieldException ex)
            {
                assembler.Reject(SkipReason.InvalidRecord, null, item, ex.Message, ImageRemedy);
            }
        }

        private void ReadAnnotation(int index, JsonElement element)
        {
            string item = $"annotations[{index}]";
            try
            {
                JsonFields.RequireObject(element, "the annotation");
                long? id = JsonFields.OptionalInt64(element, "id");
                if (id is { } known)
                {
                    item = $"annotation id={known}";
                }

                string imageId = JsonFields.RequiredId(element, "image_id");
                string caption = JsonFields.RequiredString(element, "caption");
                Annotations.Add(new Annotation(id, imageId, caption, item));
            }
            catch (JsonFieldException ex)
            {
                assembler.Reject(SkipReason.InvalidRecord, null, item, ex.Message, AnnotationRemedy);
            }
        }
    }
}
