namespace Itm;

/// <summary>A search's images and, for a calibrated model, how likely it is that the query has any match among the best of them (<see cref="ItmIndex.Answer"/>).</summary>
/// <param name="Results">The images, best first (cut at the minimum precision when one was asked for).</param>
/// <param name="AnyMatchProbability">
/// P(at least one of the best <paramref name="AnyMatchAmong"/> images is one the query describes) = 1 − Π (1 − p_i),
/// over them before any cut: what says "nothing here fits" when no single image is likely enough either way. Null when
/// the model has no calibration.
/// </param>
/// <param name="AnyMatchAmong">How many of the best images <paramref name="AnyMatchProbability"/> is over: 10, or k when smaller.</param>
public sealed record SearchAnswer(IReadOnlyList<ImageResult> Results, double? AnyMatchProbability, int AnyMatchAmong);
