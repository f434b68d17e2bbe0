namespace Itm.Evaluation.Calibration;

/// <summary>
/// A calibration moved from one share of relevant pairs to another. A query has one relevant image among N, so the
/// prior is 1 / N and a calibration fitted on a split of 1,000 images overstates every probability on an index of
/// 4,000. The score's likelihood ratio stays what was fitted; only the prior odds change (label shift, as in Saerens,
/// Latinne and Decaestecker 2002): odds = fitted odds · odds(<see cref="ToPrior"/>) / odds(<see cref="FromPrior"/>).
/// </summary>
public sealed record PriorShiftedCalibration(ScoreCalibration Fitted, double FromPrior, double ToPrior) : ScoreCalibration
{
    public override string Method => Fitted.Method;

    public override double Probability(double score)
    {
        double p = Fitted.Probability(score);
        if (p <= 0 || p >= 1)
            return p;
        double odds = p / (1 - p) * (ToPrior / (1 - ToPrior)) / (FromPrior / (1 - FromPrior));
        return odds / (1 + odds);
    }
}
