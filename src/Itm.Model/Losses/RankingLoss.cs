using Itm.Model.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace Itm.Model.Losses;

/// <summary>
/// The global ranking objective: a matching pair must outscore, by a margin, the same image with other sentences
/// (annotation term) and the same sentence with other images (search term). A pure function of the batch's
/// embeddings; which negatives count is <see cref="NegativeSampling"/>, how they count is <see cref="LossOptions"/>.
/// </summary>
/// <remarks>
/// For each anchor with positive score p = s(i, i), the candidates are the items of the other modality that show a
/// different image: the rest of the batch, or the caller's extra items for <see cref="NegativeKind.Random"/> and <see cref="NegativeKind.Global"/>.
/// With <see cref="RankingBatch.SentenceKeys"/>, a candidate whose sentence is the anchor pair's sentence is not one
/// either: an image captioned exactly like the anchor is not a wrong answer for it.
/// Selection and aggregation are masks over the [anchors, candidates] score matrix, so there is no per-anchor loop.
/// An anchor with no candidate (every row shows its image) contributes 0. The result is the mean over anchors,
/// summed over the trained directions.
/// </remarks>
public static class RankingLoss
{
    /// <summary>The scalar loss of a batch; differentiable with respect to every embedding in it.</summary>
    /// <exception cref="ArgumentException">Shapes or ids disagree, or random negatives lack their extra items.</exception>
    public static Tensor Compute(RankingBatch batch, LossOptions loss, NegativeSampling negatives)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(negatives);
        Validate(batch, negatives);

        using var scope = NewDisposeScope();
        var device = batch.Images.device;
        var ids = tensor(batch.ImageIds, device: device);               // [B]
        var keys = Keys(batch.SentenceKeys, device);                     // [B] or null
        var positive = (batch.Images * batch.Texts).sum(1);              // [B] s(i, i)
        bool extras = negatives.UsesExtraItems;
        var total = zeros([], batch.Images.dtype, device);

        // Image anchors against sentences (annotation).
        if (negatives.TrainsAnnotation)
        {
            var scores = batch.Images.matmul((extras ? batch.ExtraTexts! : batch.Texts).t());            // [B, K] or [B, B]
            var candidateIds = extras ? tensor(batch.ExtraTextImageIds!, device: device) : ids;        // [K] or [B]
            var candidateKeys = extras ? Keys(batch.ExtraTextSentenceKeys, device) : keys;              // [K], [B] or null
            total = total.Plus(Term(scores, positive, ids, candidateIds, keys, candidateKeys, loss, negatives.Kind));
        }
        else if (negatives.CounterWeight > 0)
        {
            total = total.Plus(Term(batch.Images.matmul(batch.Texts.t()), positive, ids, ids, keys, keys, loss, NegativeKind.InBatch).mul(HeldScalars.Of(negatives.CounterWeight)));
        }

        // Sentence anchors against images (search).
        if (negatives.TrainsSearch)
        {
            var scores = batch.Texts.matmul((extras ? batch.ExtraImages! : batch.Images).t());
            var candidateIds = extras ? tensor(batch.ExtraImageIds!, device: device) : ids;
            var candidateKeys = extras ? Keys(batch.ExtraImageSentenceKeys, device) : keys;
            total = total.Plus(Term(scores, positive, ids, candidateIds, keys, candidateKeys, loss, negatives.Kind));
        }
        else if (negatives.CounterWeight > 0)
        {
            total = total.Plus(Term(batch.Texts.matmul(batch.Images.t()), positive, ids, ids, keys, keys, loss, NegativeKind.InBatch).mul(HeldScalars.Of(negatives.CounterWeight)));
        }

        return total.MoveToOuterDisposeScope();
    }

    /// <summary>Mean loss of one direction.</summary>
    /// <param name="scores">[A, C] anchor-by-candidate scores.</param>
    /// <param name="positive">[A] score of each anchor's own pair.</param>
    /// <param name="anchorIds">[A] image id of each anchor.</param>
    /// <param name="candidateIds">[C] image id of each candidate.</param>
    /// <param name="anchorKeys">[A] sentence key of each anchor's pair, or null to mask by image only.</param>
    /// <param name="candidateKeys">[C] sentence key of each candidate; null exactly when <paramref name="anchorKeys"/> is.</param>
    private static Tensor Term(
        Tensor scores, Tensor positive, Tensor anchorIds, Tensor candidateIds, Tensor? anchorKeys, Tensor? candidateKeys, LossOptions loss, NegativeKind kind)
    {
        var valid = anchorIds.unsqueeze(1).ne(candidateIds.unsqueeze(0)); // [A, C] candidate shows another image
        if (anchorKeys is not null)
        {
            // ... and is not captioned with the anchor's very sentence, which would make it a right answer too.
            valid = valid.logical_and(anchorKeys.unsqueeze(1).ne(candidateKeys!.unsqueeze(0))); // [A, C]
        }

        var selected = Select(scores.detach(), positive.detach(), valid, kind); // [A, C] bool
        var p = positive.unsqueeze(1);                                     // [A, 1]

        Tensor perAnchor = loss.Kind switch                                // [A]
        {
            LossKind.Sum => Hinge(scores, p, loss.Margin).masked_fill(selected.logical_not(), HeldScalars.Zero).sum(1),
            // Hinges are >= 0, so zeroing the unselected ones cannot change a non-empty max, and an empty row gives 0.
            LossKind.Hardest => Hinge(scores, p, loss.Margin).masked_fill(selected.logical_not(), HeldScalars.Zero).amax(1),
            // −log(e^{p/τ} / (e^{p/τ} + Σ e^{n/τ})) = logsumexp([p, n...] / τ) − p/τ; unselected candidates weigh e^{−∞} = 0.
            LossKind.InfoNce => cat([p, scores.masked_fill(selected.logical_not(), HeldScalars.NegativeInfinity)], 1)
                .div(HeldScalars.Of(loss.Temperature)).logsumexp(1) - positive.div(HeldScalars.Of(loss.Temperature)),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss.Kind, "Unknown loss kind."),
        };
        return perAnchor.mean();
    }

    private static Tensor? Keys(long[]? keys, Device device) => keys is null ? null : tensor(keys, device: device);

    /// <summary>max(0, margin − p + n) for every candidate: [A, C].</summary>
    private static Tensor Hinge(Tensor scores, Tensor p, float margin) => (scores - p).Plus(HeldScalars.Of(margin)).clamp_min(HeldScalars.Zero);

    /// <summary>Which candidates count as negatives: [A, C] bool, a subset of <paramref name="valid"/>. Inputs carry no gradient.</summary>
    private static Tensor Select(Tensor scores, Tensor positive, Tensor valid, NegativeKind kind)
    {
        switch (kind)
        {
            case NegativeKind.InBatch:
            case NegativeKind.Random:
            case NegativeKind.Global:
                return valid;
            case NegativeKind.Hardest:
                return ArgMaxOneHot(scores, valid);
            case NegativeKind.SemiHard:
                // Semi-hard: the hardest negative that still scores below the positive; rows without one fall back to the hardest.
                var below = valid.logical_and(scores.lt(positive.unsqueeze(1)));          // [A, C]
                return where(below.any(1, keepdim: true), ArgMaxOneHot(scores, below), ArgMaxOneHot(scores, valid));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown negative kind.");
        }
    }

    /// <summary>One-hot [A, C] of each row's highest score among <paramref name="allowed"/>; all false where a row allows nothing.</summary>
    private static Tensor ArgMaxOneHot(Tensor scores, Tensor allowed)
    {
        var best = scores.masked_fill(allowed.logical_not(), HeldScalars.NegativeInfinity).argmax(1, keepdim: true); // [A, 1]
        // arange(stop) would make its start and step as temporaries; the count changes per batch, so it is a local.
        using var count = scores.shape[1].ToScalar();
        var columns = arange(HeldScalars.Zero, count, HeldScalars.One, ScalarType.Int64, scores.device).unsqueeze(0); // [1, C]
        return columns.eq(best).logical_and(allowed);
    }

    private static void Validate(RankingBatch batch, NegativeSampling negatives)
    {
        ArgumentNullException.ThrowIfNull(batch.Images);
        ArgumentNullException.ThrowIfNull(batch.Texts);
        ArgumentNullException.ThrowIfNull(batch.ImageIds);
        if (batch.Images.dim() != 2 || !batch.Images.shape.SequenceEqual(batch.Texts.shape))
            throw new ArgumentException($"Images {Shape(batch.Images)} and texts {Shape(batch.Texts)} must both be [B, D].", nameof(batch));
        long size = batch.Images.shape[0], dim = batch.Images.shape[1];
        if (size == 0)
            throw new ArgumentException("The batch is empty.", nameof(batch));
        if (batch.ImageIds.Length != size)
            throw new ArgumentException($"The batch has {size} pairs but {batch.ImageIds.Length} image ids.", nameof(batch));
        if (batch.SentenceKeys is not null && batch.SentenceKeys.Length != size)
            throw new ArgumentException($"The batch has {size} pairs but {batch.SentenceKeys.Length} sentence keys.", nameof(batch));
        if (!negatives.UsesExtraItems)
            return;

        bool keyed = batch.SentenceKeys is not null;
        if (negatives.TrainsAnnotation)
        {
            ValidateExtras(batch.ExtraTexts, batch.ExtraTextImageIds, dim, "ExtraTexts", "ExtraTextImageIds", "annotation");
            ValidateExtraKeys(keyed, batch.ExtraTextSentenceKeys, batch.ExtraTexts!.shape[0], "ExtraTextSentenceKeys");
        }

        if (negatives.TrainsSearch)
        {
            ValidateExtras(batch.ExtraImages, batch.ExtraImageIds, dim, "ExtraImages", "ExtraImageIds", "search");
            ValidateExtraKeys(keyed, batch.ExtraImageSentenceKeys, batch.ExtraImages!.shape[0], "ExtraImageSentenceKeys");
        }
    }

    // Keys on the pairs but not on the extras would silently mask the batch and not the extras: both or neither.
    private static void ValidateExtraKeys(bool keyed, long[]? keys, long count, string name)
    {
        if (keyed && keys is null)
            throw new ArgumentException($"The batch has SentenceKeys, so its extra items need {name} too.", nameof(keys));
        if (keyed && keys!.Length != count)
            throw new ArgumentException($"{name} has {keys.Length} keys for {count} extra items.", nameof(keys));
    }

    private static void ValidateExtras(Tensor? extras, long[]? ids, long dim, string name, string idsName, string term)
    {
        if (extras is null || ids is null)
            throw new ArgumentException($"Negatives from outside the batch (random:K, global) for the {term} term need {name} and {idsName} in the batch.", nameof(extras));
        if (extras.dim() != 2 || extras.shape[1] != dim || extras.shape[0] == 0)
            throw new ArgumentException($"{name} is {Shape(extras)}; expected [K, {dim}] with K >= 1.", nameof(extras));
        if (ids.Length != extras.shape[0])
            throw new ArgumentException($"{name} has {extras.shape[0]} rows but {idsName} has {ids.Length} ids.", nameof(ids));
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
