using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Training;

/// <summary>
/// One split ready for the model: every image's input stacked in one tensor (features <c>[N, F]</c> or
/// pixels <c>[N, 3, S, S]</c>), every sentence as its text model reads it (featurized ids, or a pretrained
/// sentence vector computed once before training), and which image each sentence describes.
/// Images may have any number of sentences.
/// </summary>
public sealed class TrainingData : IDisposable
{
    public TrainingData(Tensor images, IReadOnlyList<TextInput> sentences, IReadOnlyList<int> sentenceImage)
    {
        if (sentences.Count != sentenceImage.Count)
        {
            throw new ArgumentException($"{sentences.Count} sentences but {sentenceImage.Count} sentence→image links.");
        }

        long imageCount = images.shape[0];
        for (int s = 0; s < sentenceImage.Count; s++)
        {
            if (sentenceImage[s] < 0 || sentenceImage[s] >= imageCount)
            {
                throw new ArgumentException($"Sentence {s} points at image {sentenceImage[s]}, outside 0..{imageCount - 1}.");
            }
        }

        Images = images;
        Sentences = sentences;
        SentenceImage = sentenceImage;
    }

    /// <summary>A split whose sentences are featurized ids (bow, n-grams, SSE).</summary>
    public TrainingData(Tensor images, IReadOnlyList<int[]> sentences, IReadOnlyList<int> sentenceImage)
        : this(images, [.. sentences.Select(TextInput.FromIds)], sentenceImage)
    {
    }

    public Tensor Images { get; }

    public IReadOnlyList<TextInput> Sentences { get; }

    public IReadOnlyList<int> SentenceImage { get; }

    public int ImageCount => (int)Images.shape[0];

    public void Dispose() => Images.Dispose();
}
