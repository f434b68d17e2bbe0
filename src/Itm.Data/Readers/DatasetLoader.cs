using System.Text.Json;

namespace Itm.Data.Readers;

/// <summary>
/// Opens a dataset given only a path, recognising its format: a Karpathy split JSON (images with "sentences"), a
/// COCO captions JSON ("images" + "annotations", all one split: <see cref="DatasetReadOptions.CocoFileSplit"/>), a
/// folder holding <c>captions.jsonl</c> (or that file itself), or <c>Flickr8k.token.txt</c> (or a folder holding it)
/// with the split lists beside it under their standard names.
/// </summary>
public static class DatasetLoader
{
    private const string WhatWorks =
        "Give a Karpathy split JSON, a COCO captions_*.json, a folder with captions.jsonl, or Flickr8k.token.txt";

    /// <summary>Loads the dataset at <paramref name="path"/>. Throws <see cref="DatasetFormatException"/> for unknown formats and bad input.</summary>
    public static CaptionDataset Load(string path, DatasetReadOptions? options = null) => LoadWithReport(path, options).Dataset;

    /// <summary>Loads the dataset at <paramref name="path"/> and reports what was skipped.</summary>
    public static DatasetReadResult LoadWithReport(string path, DatasetReadOptions? options = null)
    {
        options ??= DatasetReadOptions.Default;
        string fullPath = Path.GetFullPath(path);
        return Detect(fullPath) switch
        {
            DatasetFormat.KarpathyJson => KarpathyJson.ReadWithReport(fullPath, options),
            DatasetFormat.CocoCaptions => CocoCaptionsReader.ReadWithReport(
                [new CocoSplitSource(fullPath, options.ImagesRoot ?? GuessCocoImagesDir(fullPath), options.CocoFileSplit)], options),
            DatasetFormat.CaptionsJsonl => CaptionsJsonlReader.ReadWithReport(
                Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath)!, options),
            DatasetFormat.Flickr8k => LoadFlickr8k(FindFlickr8kTokenFile(fullPath), options),
            var format => throw new InvalidOperationException($"No loader for {format}."),
        };
    }

    /// <summary>Recognises the format at <paramref name="path"/> without reading the whole dataset.</summary>
    public static DatasetFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            if (File.Exists(Path.Combine(fullPath, CaptionsJsonlReader.FileName)))
            {
                return DatasetFormat.CaptionsJsonl;
            }

            if (FlickrTokenCandidates(fullPath).Any(File.Exists))
            {
                return DatasetFormat.Flickr8k;
            }

            throw new DatasetFormatException(fullPath, null, null, null,
                $"is a folder without {CaptionsJsonlReader.FileName} or {Flickr8kReader.TokenFileName}", WhatWorks);
        }

        if (!File.Exists(fullPath))
        {
            throw new DatasetFormatException(fullPath, null, null, null, "does not exist", "Check the path. " + WhatWorks);
        }

        string name = Path.GetFileName(fullPath);
        if (name.Equals(CaptionsJsonlReader.FileName, StringComparison.OrdinalIgnoreCase))
        {
            return DatasetFormat.CaptionsJsonl;
        }

        if (name.EndsWith(".token.txt", StringComparison.OrdinalIgnoreCase))
        {
            return DatasetFormat.Flickr8k;
        }

        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var probe = new FormatProbe();
            JsonObjectStreamer.Walk(fullPath, probe);
            return probe.Format ?? throw new DatasetFormatException(fullPath, null, null, null,
                "is JSON but neither a Karpathy split file (\"images\" with \"sentences\") nor a COCO captions file (\"images\" + \"annotations\")",
                WhatWorks);
        }

        throw new DatasetFormatException(fullPath, null, null, null, "is not a dataset format this program reads", WhatWorks);
    }

    private static DatasetReadResult LoadFlickr8k(string tokenFile, DatasetReadOptions options)
    {
        string folder = Path.GetDirectoryName(tokenFile)!;
        string ListPath(string listName)
        {
            string listPath = Path.Combine(folder, listName);
            return File.Exists(listPath)
                ? listPath
                : throw new DatasetFormatException(listPath, null, null, null, $"does not exist beside {Path.GetFileName(tokenFile)}",
                    "Flickr8k's split lists come with the token file in Flickr8k_text.zip; put them in the same folder");
        }

        string trainList = ListPath(Flickr8kReader.TrainListFileName);
        string valList = ListPath(Flickr8kReader.ValListFileName);
        string testList = ListPath(Flickr8kReader.TestListFileName);
        return Flickr8kReader.ReadWithReport(tokenFile, options.ImagesRoot ?? GuessFlickrImagesDir(folder), trainList, valList, testList, options);
    }

    private static string FindFlickr8kTokenFile(string path) =>
        Directory.Exists(path) ? FlickrTokenCandidates(path).First(File.Exists) : path;

    // The text zip unpacks either straight into the folder or into Flickr8k_text/.
    private static IEnumerable<string> FlickrTokenCandidates(string folder) =>
    [
        Path.Combine(folder, Flickr8kReader.TokenFileName),
        Path.Combine(folder, "Flickr8k_text", Flickr8kReader.TokenFileName),
    ];

    // Flickr8k_Dataset.zip unpacks to "Flicker8k_Dataset" (sic), usually beside the text folder; the Kaggle copy uses "Images".
    private static string GuessFlickrImagesDir(string textFolder)
    {
        string parent = Path.GetDirectoryName(textFolder) ?? textFolder;
        string[] candidates =
        [
            Path.Combine(textFolder, "Flicker8k_Dataset"),
            Path.Combine(textFolder, "Flickr8k_Dataset"),
            Path.Combine(textFolder, "Images"),
            Path.Combine(parent, "Flicker8k_Dataset"),
            Path.Combine(parent, "Flickr8k_Dataset"),
            Path.Combine(parent, "Images"),
        ];
        return candidates.FirstOrDefault(Directory.Exists) ?? textFolder;
    }

    // COCO keeps annotations/captions_val2014.json beside val2014/; otherwise assume images sit next to the JSON.
    private static string GuessCocoImagesDir(string jsonPath)
    {
        string folder = Path.GetDirectoryName(jsonPath)!;
        string stem = Path.GetFileNameWithoutExtension(jsonPath);
        string splitName = stem.StartsWith("captions_", StringComparison.OrdinalIgnoreCase) ? stem["captions_".Length..] : stem;
        string parent = Path.GetDirectoryName(folder) ?? folder;
        string[] candidates = [Path.Combine(folder, splitName), Path.Combine(parent, splitName), Path.Combine(parent, "images", splitName)];
        return candidates.FirstOrDefault(Directory.Exists) ?? folder;
    }

    // Decides from the first image (or an "annotations" array seen before any image) and stops, so a 100 MB COCO file costs one element.
    private sealed class FormatProbe : IJsonObjectVisitor
    {
        public DatasetFormat? Format { get; private set; }

        public bool StreamsArray(string propertyName) => propertyName is "images" or "annotations";

        public bool OnValue(string propertyName, JsonElement value) => true;

        public bool OnElement(string propertyName, int index, JsonElement element)
        {
            if (propertyName == "annotations")
            {
                Format = DatasetFormat.CocoCaptions;
            }
            else if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("sentences", out _))
            {
                Format = DatasetFormat.KarpathyJson;
            }
            else if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("file_name", out _))
            {
                Format = DatasetFormat.CocoCaptions;
            }

            return false;
        }
    }
}
