namespace Itm.Evaluation.Calibration;

/// <summary>
/// Isotonic regression: the non-decreasing step function of the score closest (in squared error) to the observed
/// relevance, found by pooling adjacent violators. It is stored as knots, each step's lowest and highest score at
/// the step's probability; between knots the probability is linear, outside them it is the end knot's.
/// </summary>
public sealed record IsotonicCalibration : ScoreCalibration
{
    /// <param name="scores">Knot scores, strictly ascending.</param>
    /// <param name="probabilities">Knot probabilities in [0, 1], non-decreasing.</param>
    public IsotonicCalibration(IReadOnlyList<double> scores, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (scores.Count == 0 || scores.Count != probabilities.Count)
            throw new ArgumentException($"An isotonic calibration needs as many knot probabilities as scores, at least one ({scores.Count} and {probabilities.Count}).");
        for (int i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]) || (i > 0 && !(scores[i] > scores[i - 1])))
                throw new ArgumentException($"Knot scores must be finite and strictly ascending; knot {i} is {scores[i]}.", nameof(scores));
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1) || (i > 0 && probabilities[i] < probabilities[i - 1]))
                throw new ArgumentException($"Knot probabilities must be in [0, 1] and non-decreasing; knot {i} is {probabilities[i]}.", nameof(probabilities));
        }

        Scores = [.. scores];
        Probabilities = [.. probabilities];
    }

    public IReadOnlyList<double> Scores { get; }

    public IReadOnlyList<double> Probabilities { get; }

    public override string Method => "isotonic";

    public override double Probability(double score)
    {
        if (!(score > Scores[0]))
            return Probabilities[0];
        if (score >= Scores[^1])
            return Probabilities[^1];
        int hi = 1;
        for (int lo = 1, top = Scores.Count - 1; lo <= top;)
        {
            // The first knot above the score.
            int mid = (lo + top) / 2;
            if (Scores[mid] > score)
            {
                hi = mid;
                top = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        double t = (score - Scores[hi - 1]) / (Scores[hi] - Scores[hi - 1]);
        return Probabilities[hi - 1] + (t * (Probabilities[hi] - Probabilities[hi - 1]));
    }

    /// <summary>
    /// The isotonic fit of each group's fraction of relevant pairs, weighted by its pair count; then every step with
    /// relevant pairs but fewer than <paramref name="minPositivesPerStep"/> of them is pooled with the step below (the
    /// lowest such step with the one above). Pooling neighbours keeps the curve non-decreasing, and it stops a few
    /// high-scoring pairs from making a step of probability 1 at the top, where a minimum precision is decided.
    /// </summary>
    public static IsotonicCalibration Fit(ScoreCounts counts, int minPositivesPerStep = DefaultMinPositivesPerStep)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minPositivesPerStep);
        double[] values = new double[counts.Count], weights = new double[counts.Count];
        for (int i = 0; i < counts.Count; i++)
        {
            values[i] = (double)counts.Positives[i] / counts.Pairs[i];
            weights[i] = counts.Pairs[i];
        }

        // From the top down, a thin step is pooled with the one below it (the lowest with the one above), and the
        // pooled step is looked at again.
        var steps = Steps(counts, PoolAdjacentViolators(values, weights));
        for (int at = steps.Count - 1; at >= 0 && steps.Count > 1;)
        {
            if (steps[at].Positives == 0 || steps[at].Positives >= minPositivesPerStep)
            {
                at--;
                continue;
            }

            int below = Math.Max(at - 1, 0);
            var (low, high) = (steps[below], steps[below + 1]);
            steps[below] = new Step(low.First, high.Last, low.Pairs + high.Pairs, low.Positives + high.Positives);
            steps.RemoveAt(below + 1);
            at = below;
        }

        var (scores, probabilities) = (new List<double>(), new List<double>());
        foreach (var step in steps)
        {
            // A knot where the step starts and one where it ends; the groups inside it add nothing.
            double probability = Math.Clamp((double)step.Positives / step.Pairs, 0, 1);
            scores.Add(counts.Scores[step.First]);
            probabilities.Add(probability);
            if (step.Last != step.First)
            {
                scores.Add(counts.Scores[step.Last]);
                probabilities.Add(probability);
            }
        }

        return new IsotonicCalibration(scores, probabilities);
    }

    /// <summary>The fewest relevant pairs a step of <see cref="Fit"/> rests on, unless it has none.</summary>
    public const int DefaultMinPositivesPerStep = 10;

    /// <summary>The runs of equal fitted values, with the groups (First..Last) and the counts they hold.</summary>
    private static List<Step> Steps(ScoreCounts counts, double[] fitted)
    {
        var steps = new List<Step>();
        for (int i = 0; i < fitted.Length; i++)
        {
            if (i == 0 || fitted[i] != fitted[i - 1])
            {
                steps.Add(new Step(i, i, 0, 0));
            }

            var step = steps[^1];
            steps[^1] = step with { Last = i, Pairs = step.Pairs + counts.Pairs[i], Positives = step.Positives + counts.Positives[i] };
        }

        return steps;
    }

    private readonly record struct Step(int First, int Last, long Pairs, long Positives);

    /// <summary>
    /// The non-decreasing sequence closest to <paramref name="values"/> in weighted squared error: a run of values that
    /// decreases is replaced by its weighted mean, repeatedly, left to right (a stack of pooled blocks, O(n)).
    /// </summary>
    public static double[] PoolAdjacentViolators(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        if (values.Length != weights.Length)
            throw new ArgumentException($"{values.Length} values but {weights.Length} weights.", nameof(weights));
        var means = new double[values.Length];
        var blockWeights = new double[values.Length];
        var ends = new int[values.Length]; // exclusive end of each block
        int blocks = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!(weights[i] > 0) || !double.IsFinite(values[i]))
                throw new ArgumentException($"Value {i} is {values[i]} with weight {weights[i]}; weights must be positive.", nameof(weights));
            means[blocks] = values[i];
            blockWeights[blocks] = weights[i];
            ends[blocks] = i + 1;
            blocks++;
            while (blocks > 1 && means[blocks - 2] > means[blocks - 1])
            {
                double total = blockWeights[blocks - 2] + blockWeights[blocks - 1];
                means[blocks - 2] = ((means[blocks - 2] * blockWeights[blocks - 2]) + (means[blocks - 1] * blockWeights[blocks - 1])) / total;
                blockWeights[blocks - 2] = total;
                ends[blocks - 2] = ends[blocks - 1];
                blocks--;
            }
        }

        var fitted = new double[values.Length];
        for (int block = 0, start = 0; block < blocks; start = ends[block], block++)
            fitted.AsSpan(start, ends[block] - start).Fill(means[block]);
        return fitted;
    }
}
