namespace Itm.Evaluation.Calibration;

/// <summary>
/// The probability that at least one of a query's results is a match, from each result's own probability:
/// 1 − Π (1 − p_i). This treats the results as independent given their scores, which they are not quite (a query
/// the model misreads tends to get all its results wrong), so the figure leans high when every p_i is middling;
/// it is what says "one of these is probably right" when no single image is likely enough to say so.
/// </summary>
public static class AnyMatch
{
    /// <summary>
    /// How many of the best results the query-level figure is over, whatever the page shows: the window <c>itm eval</c>
    /// judges it on. Over more, the product of many small independent-looking chances drifts towards 1 (thirty results
    /// at 5% each make 79%) for a query with no match at all.
    /// </summary>
    public const int Among = SearchPairs.DefaultTopK;

    /// <summary>1 − Π (1 − p_i); 0 for no results.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1].</exception>
    public static double Probability(IEnumerable<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        double none = 1;
        foreach (double p in probabilities)
        {
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(probabilities), p, "A probability is between 0 and 1.");
            none *= 1 - p;
        }

        return 1 - none;
    }
}
