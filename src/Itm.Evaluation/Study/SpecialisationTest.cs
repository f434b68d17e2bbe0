namespace Itm.Evaluation.Study;

/// <summary>
/// Whether training one direction beats training both on that direction's R@1: search on t2i, annotate on i2t.
/// Runs are paired by seed (same seed, same data order), so the per-seed differences carry the comparison.
/// </summary>
/// <param name="Sweep">The direction sweep compared within (its objective).</param>
/// <param name="Direction">The specialised direction's label (<c>search</c> or <c>annotate</c>).</param>
/// <param name="Metric">What is compared, e.g. <c>t2i R@1</c>.</param>
/// <param name="Specialised">The figure over seeds for the specialised run.</param>
/// <param name="Both">The figure over seeds for the run trained on both directions.</param>
/// <param name="Differences">Specialised minus both, per shared seed.</param>
public sealed record SpecialisationTest(string Sweep, string Direction, string Metric, Spread Specialised, Spread Both, IReadOnlyList<double> Differences)
{
    /// <summary>
    /// The rule the report applies: every paired difference is positive and the mean difference exceeds the larger of
    /// the two seed standard deviations. With one seed nothing is beyond the spread.
    /// </summary>
    public bool BeyondSeedSpread =>
        Differences.Count >= 2
        && Differences.All(d => d > 0)
        && Differences.Average() > Math.Max(Specialised.Sd, Both.Sd);

    /// <summary>Compares two configurations' runs on one direction's R@1; null when they share no seed.</summary>
    public static SpecialisationTest? Compare(string sweep, string direction, bool search, StudyConfig specialised, StudyConfig both)
    {
        ArgumentNullException.ThrowIfNull(specialised);
        ArgumentNullException.ThrowIfNull(both);
        Func<StudyRun, double> r1 = search ? r => r.Test.TextToImage.R1 : r => r.Test.ImageToText.R1;
        var bySeed = both.Runs.ToDictionary(r => r.Seed);
        var pairs = specialised.Runs.Where(r => bySeed.ContainsKey(r.Seed)).Select(r => (Spec: r1(r), Both: r1(bySeed[r.Seed]))).ToList();
        if (pairs.Count == 0)
            return null;
        return new SpecialisationTest(
            sweep,
            direction,
            search ? "t2i R@1" : "i2t R@1",
            Spread.Of(pairs.Select(p => p.Spec)),
            Spread.Of(pairs.Select(p => p.Both)),
            [.. pairs.Select(p => p.Spec - p.Both)]);
    }
}
