using Itm.Model;
using Itm.Model.JointEmbedding;
using Itm.Model.Sampling;
using static TorchSharp.torch;

namespace Itm.Training;

/// <summary>
/// The whole training set in the joint space, encoded without gradients, from which <see cref="NegativeKind.Global"/>
/// mines each batch's hardest negatives. The bank only selects: the chosen items are encoded again with gradients by
/// the caller, because negatives held as constants let the encoders drift away from the bank and collapse the space.
/// Only the modalities whose term is trained are encoded.
/// </summary>
/// <remarks>
/// The hardest item of a whole collection is often a false negative: another drawing with the same caption, or the same
/// caption written for another image. Mining those teaches the model that a sentence does not match itself, and the
/// space collapses; so an item that shares the anchor's exact sentence (same features) is never mined.
/// </remarks>
internal sealed class EmbeddingBank : IDisposable
{
    private readonly Tensor? images;
    private readonly Tensor? texts;
    private readonly Tensor textImageIds;
    private readonly TextDuplicates duplicates;

    private EmbeddingBank(Tensor? images, Tensor? texts, Tensor textImageIds, TextDuplicates duplicates)
    {
        this.images = images;
        this.texts = texts;
        this.textImageIds = textImageIds;
        this.duplicates = duplicates;
    }

    /// <summary>Encodes the training set in inference mode; the model is left in its previous mode.</summary>
    public static EmbeddingBank Encode(JointEmbeddingModel model, TrainingData train, NegativeSampling negatives, TextDuplicates duplicates)
    {
        Tensor? images = negatives.TrainsSearch
            ? Rows(Embedder.EncodeImages(model, train.Images), train.ImageCount)
            : null;
        Tensor? texts = negatives.TrainsAnnotation
            ? Rows(Embedder.EncodeTexts(model, train.Sentences), train.Sentences.Count)
            : null;
        var ids = tensor(train.SentenceImage.Select(i => (long)i).ToArray()).DetachFromDisposeScope();
        return new EmbeddingBank(images, texts, ids, duplicates);
    }

    /// <summary>
    /// For each sentence anchor, the training image it scores highest among those not in the batch and not captioned
    /// with the anchor's own sentence; distinct indices.
    /// </summary>
    public long[] HardestImages(Tensor textAnchors, int[] batchSentences, long[] batchImageIds)
    {
        using var scope = NewDisposeScope();
        var scores = textAnchors.detach().matmul(images!.t());                                 // [B, N]
        // The mask is built as a plain array: index_fill_ with a bool Scalar once failed inside libtorch (its toBool
        // check) mid-study on OpenClipart, and an array needs no Scalar at all.
        int rows = batchSentences.Length, count = (int)images.shape[0];
        bool[] mask = new bool[rows * count];
        for (int row = 0; row < rows; row++)
        {
            foreach (long image in batchImageIds)
            {
                mask[(row * count) + image] = true;
            }

            foreach (long image in duplicates.ImagesCaptionedLike(batchSentences[row]))
            {
                mask[(row * count) + image] = true;
            }
        }

        var excluded = tensor(mask).reshape(rows, count);
        return Distinct(scores.masked_fill(excluded, HeldScalars.NegativeInfinity).argmax(1));
    }

    /// <summary>
    /// For each image anchor, the training sentence it scores highest among those whose image is not in the batch and
    /// that are not the anchor's own sentence word for word; distinct sentence indices.
    /// </summary>
    public long[] HardestSentences(Tensor imageAnchors, int[] batchSentences, long[] batchImageIds)
    {
        using var scope = NewDisposeScope();
        var scores = imageAnchors.detach().matmul(texts!.t());                                 // [B, M]
        var inBatch = isin(textImageIds, tensor(batchImageIds)).unsqueeze(0);                   // [1, M]
        var anchorTexts = tensor(batchSentences.Select(duplicates.TextId).ToArray()).unsqueeze(1); // [B, 1]
        var sameText = anchorTexts.eq(duplicates.TextIds.unsqueeze(0));                          // [B, M]
        return Distinct(scores.masked_fill(inBatch.logical_or(sameText), HeldScalars.NegativeInfinity).argmax(1));
    }

    public void Dispose()
    {
        images?.Dispose();
        texts?.Dispose();
        textImageIds.Dispose();
    }

    private static long[] Distinct(Tensor best) => [.. best.data<long>().ToArray().Distinct()];

    private static Tensor Rows(float[] rows, int count) =>
        tensor(rows).reshape(count, rows.Length / count).DetachFromDisposeScope();
}
