namespace Itm.Evaluation.Calibration;

/// <summary>
/// (score, relevant) pairs grouped by score, ascending: per group, its mean score, how many pairs it holds and how many
/// of them are relevant. What a calibration is fitted on and judged on. <see cref="FromPairs"/> groups exactly equal
/// scores; <see cref="SearchPairs"/> groups the scores of a whole split into a fine grid (a 1e-4 wide cell of cosine),
/// so millions of pairs take a few hundred kilobytes.
/// </summary>
public sealed class ScoreCounts
{
    /// <param name="scores">Each group's score, strictly ascending.</param>
    /// <param name="pairs">Each group's pair count, at least 1.</param>
    /// <param name="positives">Each group's relevant pairs, 0 to its pair count.</param>
    public ScoreCounts(IReadOnlyList<double> scores, IReadOnlyList<long> pairs, IReadOnlyList<long> positives)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(positives);
        if (scores.Count != pairs.Count || scores.Count != positives.Count)
            throw new ArgumentException($"{scores.Count} scores, {pairs.Count} pair counts and {positives.Count} positive counts must be as many.");
        for (int i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]) || (i > 0 && !(scores[i] > scores[i - 1])))
                throw new ArgumentException($"Scores must be finite and strictly ascending; score {i} is {scores[i]}.", nameof(scores));
            if (pairs[i] < 1 || positives[i] < 0 || positives[i] > pairs[i])
                throw new ArgumentException($"Group {i} has {pairs[i]} pairs and {positives[i]} positives.", nameof(positives));
        }

        Scores = [.. scores];
        Pairs = [.. pairs];
        Positives = [.. positives];
        TotalPairs = Pairs.Sum();
        TotalPositives = Positives.Sum();
    }

    public IReadOnlyList<double> Scores { get; }

    public IReadOnlyList<long> Pairs { get; }

    public IReadOnlyList<long> Positives { get; }

    /// <summary>The number of groups.</summary>
    public int Count => Scores.Count;

    public long TotalPairs { get; }

    public long TotalPositives { get; }

    /// <summary>The fraction of pairs that are relevant (0 when there are none).</summary>
    public double BaseRate => TotalPairs == 0 ? 0 : (double)TotalPositives / TotalPairs;

    /// <summary>Groups pairs by exactly equal score.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or a score is not finite.</exception>
    public static ScoreCounts FromPairs(ReadOnlySpan<float> scores, ReadOnlySpan<bool> relevant)
    {
        if (scores.Length != relevant.Length)
            throw new ArgumentException($"{scores.Length} scores but {relevant.Length} labels.", nameof(relevant));
        var order = new (float Score, bool Relevant)[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            if (!float.IsFinite(scores[i]))
                throw new ArgumentException($"Score {i} is {scores[i]}.", nameof(scores));
            order[i] = (scores[i], relevant[i]);
        }

        Array.Sort(order, (a, b) => a.Score.CompareTo(b.Score));
        var (groupScores, pairs, positives) = (new List<double>(), new List<long>(), new List<long>());
        foreach (var (score, isRelevant) in order)
        {
            if (groupScores.Count == 0 || groupScores[^1] != score)
            {
                groupScores.Add(score);
                pairs.Add(0);
                positives.Add(0);
            }

            pairs[^1]++;
            positives[^1] += isRelevant ? 1 : 0;
        }

        return new ScoreCounts(groupScores, pairs, positives);
    }
}
