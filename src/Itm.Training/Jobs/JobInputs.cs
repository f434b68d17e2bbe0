using Itm.Data;
using Itm.Data.Readers;
using Itm.Data.Text;
using Itm.Model.Features;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.TextEncoders;
using Itm.Model.TextInputs;

namespace Itm.Training.Jobs;

/// <summary>A dataset's split encoded by a model: its readable images, which image each sentence describes, and both embeddings.</summary>
/// <param name="ImageEmbeddings">[N, Dim] row-major, L2-normalised.</param>
/// <param name="SentenceEmbeddings">[M, Dim] row-major, L2-normalised.</param>
internal sealed record EncodedSplit(
    string DatasetName, IReadOnlyList<CaptionedImage> Images, IReadOnlyList<int> SentenceImage, float[] ImageEmbeddings, float[] SentenceEmbeddings, int Dim);

/// <summary>What the train, eval and calibrate jobs share: image and text inputs for a dataset's images, tensors per split, a split encoded.</summary>
internal static class JobInputs
{
    /// <summary>
    /// Reads the dataset, loads the split's image and text inputs (cached) and encodes them once with a loaded model;
    /// <paramref name="stage"/> and <paramref name="description"/> name the encoding in the progress report.
    /// </summary>
    internal static EncodedSplit EncodeSplit(
        LoadedModel loaded, string datasetPath, DatasetReadOptions readOptions, Split split, string? cacheDir,
        JobStage stage, string description, IProgress<JobEvent>? progress, CancellationToken cancellation)
    {
        string splitName = split.ToString().ToLowerInvariant();
        progress?.Report(new StageStarted(JobStage.ReadDataset, $"Reading {datasetPath}"));
        var dataset = DatasetLoader.Load(datasetPath, readOptions);
        var inSplit = dataset.InSplit(split);
        if (inSplit.Count == 0)
        {
            throw new ArgumentException($"{datasetPath} has no images in the {splitName} split.");
        }

        progress?.Report(new StageFinished(JobStage.ReadDataset, $"{dataset.Name} {splitName}: {inSplit.Count} images"));

        using var source = ImageInputSource.ForModel(loaded.Manifest, cacheDir);
        var (inputs, images) = LoadImages(source, inSplit, readOptions.SkipInvalid, progress, cancellation);
        var texts = LoadTexts(loaded.Text, images, cacheDir, progress, cancellation);

        progress?.Report(new StageStarted(stage, description));
        using var data = SplitData(images, inputs, texts, split);
        return new EncodedSplit(dataset.Name, images, data.SentenceImage,
            Embedder.EncodeImages(loaded.Model, data.Images), Embedder.EncodeTexts(loaded.Model, data.Sentences), loaded.Manifest.Joint.Dim);
    }

    /// <summary>
    /// Every image's input in dataset order, train then val then test; with <paramref name="skipUnreadable"/>,
    /// unreadable images are left out (and named in the progress report) instead of failing the run.
    /// </summary>
    internal static (ImageInputs Inputs, IReadOnlyList<CaptionedImage> Readable) LoadImages(
        ImageInputSource source, IReadOnlyList<CaptionedImage> images, bool skipUnreadable, IProgress<JobEvent>? progress, CancellationToken cancellation)
    {
        var ordered = images.OrderBy(i => i.Split).ToList();
        progress?.Report(new StageStarted(JobStage.ExtractImages, $"Image inputs ({source.Name})", ordered.Count));
        var inputs = source.Load(ordered.Select(i => i.ImagePath).ToList(), skipUnreadable,
            new InlineProgress<int>(done => progress?.Report(new StageAdvanced(JobStage.ExtractImages, done, ordered.Count))), cancellation);
        var unreadable = inputs.Unreadable.Select(e => Path.GetFullPath(e.Path)).ToHashSet();
        var readable = ordered.Where(i => !unreadable.Contains(Path.GetFullPath(i.ImagePath))).ToList();
        string skipped = unreadable.Count == 0 ? string.Empty
            : $"; {unreadable.Count} unreadable skipped: {string.Join("; ", inputs.Unreadable.Take(3).Select(e => e.Message))}";
        progress?.Report(new StageFinished(JobStage.ExtractImages, $"{readable.Count} images ({inputs.CacheHits} from cache{skipped})"));
        return (inputs, readable);
    }

    /// <summary>The text source a new model trains with: the pretrained MiniLM, or a featurizer built from the TRAINING split only.</summary>
    internal static TextInputSource CreateText(TextEncoderOptions options, IReadOnlyList<CaptionedImage> train, IProgress<JobEvent>? progress) =>
        CreateText(options, () => TextFeaturizerFactory.Build(options, train), progress);

    /// <summary>The text inputs over <paramref name="featurizer"/>'s table; <paramref name="detail"/> says more of a table of that many features.</summary>
    internal static TextInputSource CreateText(
        TextEncoderOptions options, Func<ITextFeaturizer> featurizer, IProgress<JobEvent>? progress, Func<int, string>? detail = null)
    {
        progress?.Report(new StageStarted(JobStage.BuildText, $"Preparing the {options.Model.Name} text inputs ({options.Model.Summary})"));
        var text = TextInputSource.Create(options, featurizer);
        string more = text.Featurizer is { } table && detail is not null ? $" ({detail(table.FeatureCount)})" : string.Empty;
        progress?.Report(new StageFinished(JobStage.BuildText, text.IsPretrained && text.Featurizer is null
            ? $"{options.Model.Name}: {text.FeatureCount}-d sentence vectors, fingerprint {text.Hash}"
            : $"{options.Model.Name}: {text.FeatureCount:N0} features{more}"));
        return text;
    }

    /// <summary>
    /// Every caption's text input, image by image in the order of <paramref name="images"/>. Through a pretrained
    /// encoder this is the one pass over the sentences: each distinct sentence is encoded once (or read from the
    /// cache), with progress, so training epochs never run the encoder.
    /// </summary>
    internal static IReadOnlyList<TextInput> LoadTexts(
        TextInputSource text, IReadOnlyList<CaptionedImage> images, string? cacheDir, IProgress<JobEvent>? progress, CancellationToken cancellation)
    {
        var captions = images.SelectMany(i => i.Captions).ToList();
        if (!text.IsPretrained)
        {
            return text.Load(captions, cache: null, progress: null, cancellation).Inputs;
        }

        progress?.Report(new StageStarted(JobStage.EncodeText, $"Sentence vectors ({text.Name})", captions.Count));
        var loaded = text.Load(captions, new FeatureCache(cacheDir),
            new InlineProgress<int>(done => progress?.Report(new StageAdvanced(JobStage.EncodeText, done, captions.Count))), cancellation);
        var extraction = loaded.Extraction!;
        string encoded = extraction.Encoded == 0 ? string.Empty
            : $", {extraction.Encoded} encoded at {extraction.SentencesPerSecond:F0} sentences/s";
        progress?.Report(new StageFinished(JobStage.EncodeText,
            $"{captions.Count} sentences ({extraction.Distinct} distinct, {extraction.CacheHits} from cache{encoded})"));
        return loaded.Inputs;
    }

    /// <summary>
    /// Tensors for one split. <paramref name="images"/> is in the order of the rows of <paramref name="inputs"/> and of
    /// the text inputs <paramref name="texts"/> (as <see cref="LoadImages"/> and <see cref="LoadTexts"/> return them),
    /// so a split's images are one run of rows and its sentences one run of texts.
    /// </summary>
    internal static TrainingData SplitData(IReadOnlyList<CaptionedImage> images, ImageInputs inputs, IReadOnlyList<TextInput> texts, Split split)
    {
        int total = images.Sum(i => i.Captions.Count);
        if (texts.Count != total)
        {
            throw new ArgumentException($"{texts.Count} text inputs for {total} captions.", nameof(texts));
        }

        int firstRow = -1;
        int count = 0;
        int sentenceAt = 0;
        var sentences = new List<TextInput>();
        var sentenceImage = new List<int>();
        for (int row = 0; row < images.Count; row++)
        {
            var image = images[row];
            if (image.Split == split)
            {
                if (firstRow >= 0 && row != firstRow + count)
                {
                    throw new InvalidOperationException($"The {split} images are not one run of rows; order the images by split first.");
                }

                firstRow = firstRow < 0 ? row : firstRow;
                for (int c = 0; c < image.Captions.Count; c++)
                {
                    sentences.Add(texts[sentenceAt + c]);
                    sentenceImage.Add(count);
                }

                count++;
            }

            sentenceAt += image.Captions.Count;
        }

        return new TrainingData(inputs.ToTensor(Math.Max(0, firstRow), count), sentences, sentenceImage);
    }
}
