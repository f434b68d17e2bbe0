namespace Itm.Evaluation.Calibration;

/// <summary>How a calibration maps scores to probabilities.</summary>
public enum CalibrationMethod
{
    /// <summary>Isotonic regression when the fitted-on split has enough relevant pairs, else Platt scaling.</summary>
    Auto,

    /// <summary>A logistic curve on the score: two parameters (Platt scaling).</summary>
    Platt,

    /// <summary>A non-decreasing step curve, pooled adjacent violators, linear between steps (isotonic regression).</summary>
    Isotonic,
}

/// <summary>A non-decreasing map from a cosine score to the probability that the pair is relevant.</summary>
public abstract record ScoreCalibration
{
    /// <summary>Below this many relevant pairs, <see cref="CalibrationMethod.Auto"/> takes Platt's two parameters over isotonic steps.</summary>
    public const long MinIsotonicPositives = 200;

    /// <summary><c>platt</c> or <c>isotonic</c>, as written in <c>calibration.json</c>.</summary>
    public abstract string Method { get; }

    /// <summary>P(relevant | score), in [0, 1] and non-decreasing in the score.</summary>
    public abstract double Probability(double score);

    /// <summary>Fits the chosen method (<see cref="CalibrationMethod.Auto"/> decides by the number of relevant pairs).</summary>
    /// <exception cref="ArgumentException">The pairs are not both relevant and irrelevant ones.</exception>
    public static ScoreCalibration Fit(ScoreCounts counts, CalibrationMethod method)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.TotalPositives == 0 || counts.TotalPositives == counts.TotalPairs)
            throw new ArgumentException(
                $"A calibration needs relevant and irrelevant pairs; these {counts.TotalPairs} pairs have {counts.TotalPositives} relevant.", nameof(counts));
        return method switch
        {
            CalibrationMethod.Platt => PlattCalibration.Fit(counts),
            CalibrationMethod.Isotonic => IsotonicCalibration.Fit(counts),
            _ => counts.TotalPositives >= MinIsotonicPositives ? IsotonicCalibration.Fit(counts) : PlattCalibration.Fit(counts),
        };
    }
}
