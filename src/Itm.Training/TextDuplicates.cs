using static TorchSharp.torch;

namespace Itm.Training;

/// <summary>
/// Which training sentences are the same sentence (identical features), and which images carry each one: what hard
/// negative mining must not mistake for a negative.
/// </summary>
internal sealed class TextDuplicates : IDisposable
{
    private readonly int[] textIdOfSentence;
    private readonly long[][] imagesOfText;

    public TextDuplicates(TrainingData train)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        textIdOfSentence = new int[train.Sentences.Count];
        var images = new List<HashSet<long>>();
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
        }

        imagesOfText = [.. images.Select(set => set.ToArray())];
        TextIds = tensor(textIdOfSentence.Select(i => (long)i).ToArray()).DetachFromDisposeScope();
    }

    /// <summary>[M] the text id of every training sentence; equal ids mean the same sentence.</summary>
    public Tensor TextIds { get; }

    public long TextId(int sentence) => textIdOfSentence[sentence];

    /// <summary>Every training image that has this sentence (word for word) among its captions.</summary>
    public long[] ImagesCaptionedLike(int sentence) => imagesOfText[textIdOfSentence[sentence]];

    public void Dispose() => TextIds.Dispose();
}
