using Itm.Data;
using Itm.Data.Text;
using Itm.Model.ImageInputs;

namespace Itm.Training.Jobs;

/// <summary>What the train and eval jobs share: image inputs for a dataset's images, and tensors per split.</summary>
internal static class JobInputs
{
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

    /// <summary>Tensors for one split; <paramref name="firstRow"/> is where its images start in <paramref name="inputs"/>.</summary>
    internal static TrainingData SplitData(IReadOnlyList<CaptionedImage> images, int firstRow, ImageInputs inputs, ITextFeaturizer featurizer)
    {
        var sentences = new List<int[]>();
        var sentenceImage = new List<int>();
        for (int i = 0; i < images.Count; i++)
        {
            foreach (var caption in images[i].Captions)
            {
                sentences.Add(featurizer.Featurize(caption.Tokens));
                sentenceImage.Add(i);
            }
        }

        return new TrainingData(inputs.ToTensor(firstRow, images.Count), sentences, sentenceImage);
    }
}
