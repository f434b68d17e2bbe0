using Itm.Data.Text;

namespace Itm.Data.Readers;

/// <summary>
/// The checks and bookkeeping every reader shares: path safety, image existence, caption rules, duplicate ids,
/// throwing or skipping as <see cref="DatasetReadOptions.SkipInvalid"/> says, and the final <see cref="ReadReport"/>.
/// Readers only parse their format and feed images and captions in.
/// </summary>
internal sealed class DatasetAssembler
{
    private readonly DatasetReadOptions _options;
    private readonly List<PendingImage> _images = [];
    private readonly Dictionary<string, PendingImage> _imagesById = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rejectedImageIds = new(StringComparer.Ordinal);
    private readonly HashSet<long> _sentenceIds = [];
    private readonly ReadReport _report = new();
    private string _sourceFile;
    private string _imagesRoot;

    public DatasetAssembler(string sourceFile, string imagesRoot, DatasetReadOptions options)
    {
        _options = options;
        _sourceFile = sourceFile;
        _imagesRoot = Path.GetFullPath(imagesRoot);
    }

    public string SourceFile => _sourceFile;

    /// <summary>Switches to another file of the same dataset (COCO reads one captions file per split).</summary>
    public void SetSource(string sourceFile, string imagesRoot)
    {
        _sourceFile = sourceFile;
        _imagesRoot = Path.GetFullPath(imagesRoot);
    }

    /// <summary>Bad input: throws a <see cref="DatasetFormatException"/>, or counts the item when skipping.</summary>
    public void Reject(SkipReason reason, int? line, string item, string problem, string remedy)
    {
        if (!_options.SkipInvalid)
        {
            throw new DatasetFormatException(_sourceFile, line, item, reason, problem, remedy);
        }

        _report.Record(reason, item);
    }

    /// <summary>A skip that is not an error (e.g. a Flickr8k image in no split list): always counted.</summary>
    public void Count(SkipReason reason, string item) => _report.Record(reason, item);

    public PendingImage? FindImage(string id) => _imagesById.GetValueOrDefault(id);

    /// <summary>True when an image with this id was already rejected, so further captions for it are dropped quietly.</summary>
    public bool WasRejected(string id) => _rejectedImageIds.Contains(id);

    /// <summary>Adds an image; returns null when it is rejected (duplicate id, path outside the root, missing file).</summary>
    public PendingImage? AddImage(string id, string relativePath, Split split, int? line, string item)
    {
        if (_imagesById.ContainsKey(id) || _rejectedImageIds.Contains(id))
        {
            Reject(SkipReason.DuplicateImageId, line, item, $"image id {id} appears more than once",
                "Give every image its own id, or remove the repeated entry");
            return null;
        }

        string? path = ResolveImagePath(relativePath, line, item);
        if (path is null)
        {
            _rejectedImageIds.Add(id);
            return null;
        }

        var image = new PendingImage(id, path, split, item);
        _images.Add(image);
        _imagesById.Add(id, image);
        return image;
    }

    /// <summary>
    /// Adds a caption to <paramref name="image"/>. <paramref name="tokens"/> null means tokenize <paramref name="raw"/>;
    /// <paramref name="sentenceId"/> null means assign one when the dataset is built.
    /// </summary>
    public void AddCaption(PendingImage image, long? sentenceId, string raw, IReadOnlyList<string>? tokens, int? line, string item)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            Reject(SkipReason.EmptyCaption, line, item, "the caption is empty", "Write a caption or remove the entry");
            return;
        }

        if (raw.Length > _options.MaxCaptionChars)
        {
            Reject(SkipReason.CaptionTooLong, line, item,
                $"the caption has {raw.Length} characters, more than the limit of {_options.MaxCaptionChars}",
                "Check for a broken line or a missing quote; raise MaxCaptionChars if the caption is really that long");
            return;
        }

        tokens ??= Tokenizer.Tokenize(raw);
        if (tokens.Count == 0)
        {
            // A caption of only punctuation or emoji gives the text encoder nothing to match.
            Reject(SkipReason.EmptyCaption, line, item, $"the caption \"{Shorten(raw)}\" has no words", "Write a caption in words or remove the entry");
            return;
        }

        if (sentenceId is { } id && !_sentenceIds.Add(id))
        {
            Reject(SkipReason.DuplicateSentenceId, line, item, $"sentence id {id} appears more than once",
                "Give every sentence its own id, or remove the repeated sentence");
            return;
        }

        image.Captions.Add(new PendingCaption(sentenceId, raw.Trim(), tokens));
    }

    /// <summary>Assigns missing sentence ids, drops images left without captions, and returns the dataset.</summary>
    public DatasetReadResult Build(string name)
    {
        // New ids start after the largest given one so they can never collide with ids kept from the file.
        long nextId = _sentenceIds.Count == 0 ? 0 : _sentenceIds.Max() + 1;
        var images = new List<CaptionedImage>(_images.Count);
        foreach (PendingImage image in _images)
        {
            if (image.Captions.Count == 0)
            {
                _report.Record(SkipReason.NoCaptions, image.Item);
                continue;
            }

            var captions = image.Captions
                .Select(c => new Caption(c.SentenceId ?? nextId++, c.Raw, c.Tokens))
                .ToList();
            images.Add(new CaptionedImage(image.Id, image.Path, image.Split, captions));
        }

        if (images.Count == 0)
        {
            throw new DatasetFormatException(_sourceFile, null, null, null,
                _report.IsEmpty ? "holds no images with captions" : $"has no usable image left ({_report.TotalSkipped} items skipped: {_report})",
                "Check that this is the right file and that the images folder is right (ImagesRoot / --images)");
        }

        return new DatasetReadResult(new CaptionDataset(name, images), _report);
    }

    private string? ResolveImagePath(string relativePath, int? line, string item)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            Reject(SkipReason.InvalidRecord, line, item, "the image path is empty", "Give the image's file name");
            return null;
        }

        string full = ImagePaths.Resolve(_imagesRoot, relativePath);
        if (!ImagePaths.IsInside(_imagesRoot, full))
        {
            Reject(SkipReason.PathOutsideRoot, line, item,
                $"the image path \"{relativePath}\" points outside the data folder {_imagesRoot}",
                "Use a path relative to the data folder, or set ImagesRoot (--images) to a folder that holds every image");
            return null;
        }

        if (_options.CheckImagesExist && !File.Exists(full))
        {
            Reject(SkipReason.MissingImageFile, line, item, $"the image file {full} does not exist",
                "Check that ImagesRoot (--images) points at the folder that holds the images, or remove the image from the dataset");
            return null;
        }

        return full;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
