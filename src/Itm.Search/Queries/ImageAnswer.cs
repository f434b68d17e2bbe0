namespace Itm.Search.Queries;

/// <summary>A search's results and, for a calibrated model, how likely it is that the query has any match at all.</summary>
/// <param name="Matches">The results, best first (cut at the minimum precision when one was asked for).</param>
/// <param name="AnyMatchProbability">
/// P(at least one of the best <paramref name="Ranked"/> is a match) = 1 − Π (1 − p_i) over them before any cut
/// (<see cref="Itm.Evaluation.Calibration.AnyMatch"/>); null without a calibration.
/// </param>
/// <param name="Ranked">
/// How many images <paramref name="AnyMatchProbability"/> is over: the best k before the cut, at most
/// <see cref="Itm.Evaluation.Calibration.AnyMatch.Among"/>.
/// </param>
public sealed record ImageAnswer(IReadOnlyList<ImageMatch> Matches, double? AnyMatchProbability, int Ranked);
