using static TorchSharp.torch;

namespace Itm.Training;

/// <summary>
/// Which training sentences are the same sentence (identical features), and which images carry each one: what hard
/// negative mining and the loss's masks must not mistake for a negative.
/// </summary>
internal sealed class TextDuplicates : IDisposable
{
    private readonly int[] textIdOfSentence;
    private readonly long[][] imagesOfText;
    private readonly long[][] textsOfImage;

    public TextDuplicates(TrainingData train)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        textIdOfSentence = new int[train.Sentences.Count];
        var images = new List<HashSet<long>>();
        var texts = new HashSet<long>[train.ImageCount];
        for (int s = 0; s < train.Sentences.Count; s++)
        {
            string key = train.Sentences[s].ToString(); // ids (or vector components) joined: equal sentences, equal keys
            if (!ids.TryGetValue(key, out int id))
            {
                id = ids.Count;
                ids.Add(key, id);
                images.Add([]);
            }

            textIdOfSentence[s] = id;
            images[id].Add(train.SentenceImage[s]);
            (texts[train.SentenceImage[s]] ??= []).Add(id);
        }

        imagesOfText = [.. images.Select(set => set.ToArray())];
        textsOfImage = [.. texts.Select(set => set?.ToArray() ?? [])];
        TextIds = tensor(textIdOfSentence.Select(i => (long)i).ToArray()).DetachFromDisposeScope();
    }

    /// <summary>[M] the text id of every training sentence; equal ids mean the same sentence.</summary>
    public Tensor TextIds { get; }

    public long TextId(int sentence) => textIdOfSentence[sentence];

    /// <summary>Every training image that has this sentence (word for word) among its captions.</summary>
    public long[] ImagesCaptionedLike(int sentence) => imagesOfText[textIdOfSentence[sentence]];

    /// <summary>
    /// The sentence key an image drawn from outside the batch stands for in the loss: the text id of one of its
    /// captions that is also a batch sentence, so that anchor does not push it away; -1 (no sentence's id) when none is.
    /// </summary>
    /// <remarks>
    /// An image has several captions but the loss takes one key per candidate; an image carrying two different batch
    /// sentences is masked for the first only, a rare case (it takes two of its captions in one batch).
    /// </remarks>
    public long ImageKey(long image, IReadOnlySet<long> batchTextIds)
    {
        foreach (long id in textsOfImage[image])
        {
            if (batchTextIds.Contains(id))
            {
                return id;
            }
        }

        return -1;
    }

    public void Dispose() => TextIds.Dispose();
}
