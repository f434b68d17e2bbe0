using Itm.Model.Losses;
using Itm.Model.Sampling;

namespace Itm.Model.Tests.Losses;

/// <summary>
/// The ranking loss written as literally as possible: doubles, loops, one anchor at a time. The oracle the
/// tensor implementation is checked against.
/// </summary>
internal static class NaiveRankingLoss
{
    public static double Compute(LossFixture f, LossOptions loss, NegativeSampling negatives)
    {
        bool random = negatives.Kind is NegativeKind.Random or NegativeKind.Global;
        double total = 0;
        if (negatives.Direction is Direction.Both or Direction.Annotate)
        {
            // image anchors; negatives are sentences
            total += Term(f.Images, f.Texts, f.ImageIds, random ? f.ExtraTexts : f.Texts, random ? f.ExtraTextImageIds : f.ImageIds, loss, negatives.Kind, out _,
                f.SentenceKeys, random ? f.ExtraTextSentenceKeys : f.SentenceKeys);
        }
        else
        {
            // the counter-direction term of a search-specialised run: in-batch, weighted
            total += negatives.CounterWeight * Term(f.Images, f.Texts, f.ImageIds, f.Texts, f.ImageIds, loss, NegativeKind.InBatch, out _, f.SentenceKeys, f.SentenceKeys);
        }

        if (negatives.Direction is Direction.Both or Direction.Search)
        {
            // sentence anchors; negatives are images
            total += Term(f.Texts, f.Images, f.ImageIds, random ? f.ExtraImages : f.Images, random ? f.ExtraImageIds : f.ImageIds, loss, negatives.Kind, out _,
                f.SentenceKeys, random ? f.ExtraImageSentenceKeys : f.SentenceKeys);
        }
        else
        {
            total += negatives.CounterWeight * Term(f.Texts, f.Images, f.ImageIds, f.Images, f.ImageIds, loss, NegativeKind.InBatch, out _, f.SentenceKeys, f.SentenceKeys);
        }

        return total;
    }

    /// <summary>
    /// Mean loss over anchors; <paramref name="fallbacks"/> counts semi-hard anchors that had no negative below their positive.
    /// With keys, a candidate whose sentence key is the anchor pair's is no negative either.
    /// </summary>
    public static double Term(
        float[][] anchors, float[][] partners, long[] anchorIds, float[][] candidates, long[] candidateIds,
        LossOptions loss, NegativeKind kind, out int fallbacks, long[]? anchorKeys = null, long[]? candidateKeys = null)
    {
        fallbacks = 0;
        double sum = 0;
        for (int a = 0; a < anchors.Length; a++)
        {
            double p = Dot(anchors[a], partners[a]);
            var negatives = new List<double>();
            for (int c = 0; c < candidates.Length; c++)
            {
                bool sameImage = candidateIds[c] == anchorIds[a];
                bool sameSentence = anchorKeys is not null && candidateKeys![c] == anchorKeys[a];
                if (!sameImage && !sameSentence)
                    negatives.Add(Dot(anchors[a], candidates[c]));
            }

            List<double> selected;
            switch (kind)
            {
                case NegativeKind.InBatch:
                case NegativeKind.Random:
                case NegativeKind.Global:
                    selected = negatives;
                    break;
                case NegativeKind.Hardest:
                    selected = negatives.Count == 0 ? [] : [negatives.Max()];
                    break;
                default:
                    var below = negatives.Where(n => n < p).ToList();
                    if (below.Count == 0 && negatives.Count > 0)
                        fallbacks++;
                    selected = below.Count > 0 ? [below.Max()] : negatives.Count > 0 ? [negatives.Max()] : [];
                    break;
            }

            double value = 0;
            switch (loss.Kind)
            {
                case LossKind.Sum:
                    foreach (double n in selected)
                        value += Math.Max(0, loss.Margin - p + n);
                    break;
                case LossKind.Hardest:
                    foreach (double n in selected)
                        value = Math.Max(value, Math.Max(0, loss.Margin - p + n));
                    break;
                default:
                    double positive = Math.Exp(p / loss.Temperature);
                    double denominator = positive;
                    foreach (double n in selected)
                        denominator += Math.Exp(n / loss.Temperature);
                    value = -Math.Log(positive / denominator);
                    break;
            }

            sum += value;
        }

        return sum / anchors.Length;
    }

    private static double Dot(float[] a, float[] b)
    {
        double dot = 0;
        for (int d = 0; d < a.Length; d++)
            dot += (double)a[d] * b[d];
        return dot;
    }
}
